namespace ConsentApi.Policies;

/// <summary>A code with its system, as the catalogue names purposes of use and the codes that identify a policy.</summary>
public sealed record PolicyCode(string? System, string Code, string? Display = null)
{
    public bool Matches(string? system, string code) =>
        string.Equals(Code, code, StringComparison.Ordinal) && (system is null || string.Equals(System, system, StringComparison.Ordinal));

    public override string ToString() => System + "|" + Code;
}
