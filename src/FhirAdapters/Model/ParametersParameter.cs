namespace FhirAdapters.Model;

/// <summary>Parameters.parameter: a named value, resource or group of parts.</summary>
public sealed class ParametersParameter : BackboneElement
{
    internal static readonly new FhirTypeInfo Info = new("Parameters.parameter", () => new ParametersParameter(),
    [
        .. BackboneMembers,
        Elements.Str<ParametersParameter>("name", FhirPrimitiveType.String, x => x.Name, (x, v) => x.Name = v, min: 1),
        Elements.Choice<ParametersParameter>("value", OpenValueTypes.All, x => x.Value, (x, v) => x.Value = v),
        Elements.OneResource<ParametersParameter>("resource", x => x.Resource, (x, v) => x.Resource = v),
        Elements.Many<ParametersParameter, ParametersParameter>("part", () => Info!, x => x.Part, (x, v) => x.Part = v),
    ]);

    public string? Name { get; set; }
    public DataType? Value { get; set; }
    public Resource? Resource { get; set; }
    public List<ParametersParameter>? Part { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
