namespace ConsentApi.Register;

/// <summary>A new entry for the disclosure register.</summary>
public sealed record DisclosureInput(string? Id, string? RecipientOds, string? RecipientName, string? Purpose, string? LegalBasis,
    string? DataDescription, bool? OptOutsApply);
