namespace ConsentApi.Register;

/// <summary>
/// An entry in the disclosure register (Caldicott2 Recommendation 19): who receives data, for what purpose, on what
/// legal basis, what data, and whether opt-outs apply. Every bulk check names one.
/// </summary>
public sealed class Disclosure
{
    public required string Id { get; set; }
    public required string RecipientOds { get; set; }
    public required string RecipientName { get; set; }

    /// <summary>The purpose of use as system|code.</summary>
    public required string Purpose { get; set; }
    public string? LegalBasis { get; set; }
    public required string DataDescription { get; set; }

    /// <summary>Whether people's objections are applied. When false, the legal basis is put to each policy as a possible exemption.</summary>
    public bool OptOutsApply { get; set; }
    public long CreatedTicks { get; set; }
}
