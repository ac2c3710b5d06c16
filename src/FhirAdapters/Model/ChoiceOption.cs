namespace FhirAdapters.Model;

/// <summary>One allowed type of a choice element such as <c>value[x]</c> or <c>source[x]</c>.</summary>
internal sealed record ChoiceOption(string TypeName, FhirPrimitiveType? Primitive, Func<FhirTypeInfo>? Complex)
{
    /// <summary>The JSON suffix: <c>valueString</c> has suffix <c>String</c>.</summary>
    public string Suffix => char.ToUpperInvariant(TypeName[0]) + TypeName[1..];
}
