using System.Text.Json;

namespace FhirAdapters.Model;

/// <summary>
/// A contained resource of a type this library does not model (for example a contained Organization). It is
/// kept as the JSON it arrived as and written back unchanged; its content is not validated beyond JSON syntax.
/// </summary>
public sealed class RawResource : Resource
{
    private static readonly FhirTypeInfo RawInfo = new("Resource", () => throw new NotSupportedException(), [], isResource: true);

    public RawResource(string resourceType, JsonElement json)
    {
        RawResourceType = resourceType;
        Json = json.Clone();
        Id = json.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
    }

    public string RawResourceType { get; }
    public JsonElement Json { get; }
    public override string ResourceType => RawResourceType;

    internal override FhirTypeInfo TypeInfo => RawInfo;
}
