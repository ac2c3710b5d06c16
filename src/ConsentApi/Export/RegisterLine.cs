using System.Text.Json;

namespace ConsentApi.Export;

/// <summary>A disclosure register entry as an export line: the entry, and the counts of each bulk check made under it.</summary>
public sealed record RegisterLine(string ResourceType, string Id, string RecipientOds, string RecipientName, string Purpose, string? LegalBasis,
    string DataDescription, bool OptOutsApply, DateTimeOffset Created, IReadOnlyList<RegisterCheck> Checks)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
