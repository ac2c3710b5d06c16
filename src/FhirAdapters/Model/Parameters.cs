namespace FhirAdapters.Model;

/// <summary>FHIR Parameters: the input or output of an operation.</summary>
public sealed class Parameters : Resource
{
    internal static readonly FhirTypeInfo Info = new("Parameters", () => new Parameters(),
    [
        .. ResourceMembers,
        Elements.Many<Parameters, ParametersParameter>("parameter", () => ParametersParameter.Info, x => x.Parameter, (x, v) => x.Parameter = v),
    ], isResource: true);

    public List<ParametersParameter>? Parameter { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
