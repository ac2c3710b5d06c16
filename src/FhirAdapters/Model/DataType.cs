namespace FhirAdapters.Model;

/// <summary>A FHIR data type that can be the value of a choice element such as <c>value[x]</c>.</summary>
public abstract class DataType : Element
{
}
