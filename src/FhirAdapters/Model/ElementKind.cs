namespace FhirAdapters.Model;

internal enum ElementKind
{
    Primitive,
    Complex,
    Resource,
    Choice,
}
