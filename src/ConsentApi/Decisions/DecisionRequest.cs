namespace ConsentApi.Decisions;

/// <summary>
/// "May this person's data go to this recipient for this purpose?" The purpose is a Coding; the recipient an ODS
/// code; <see cref="AtTicks"/> the moment the disclosure happens; the source and legal basis are optional.
/// </summary>
public sealed record DecisionRequest(string? PurposeSystem, string PurposeCode, string ActorOds, long AtTicks, string? Source, string? LegalBasis)
{
    /// <summary>The purpose as one token, <c>system|code</c> (or the bare code), as the audit and the register store it.</summary>
    public string Purpose => PurposeSystem is null ? PurposeCode : PurposeSystem + "|" + PurposeCode;
}
