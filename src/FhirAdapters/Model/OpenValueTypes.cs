namespace FhirAdapters.Model;

/// <summary>
/// The types this library accepts in an open choice (<c>Extension.value[x]</c>, <c>Parameters.parameter.value[x]</c>):
/// every primitive and the complex data types it models. Other R4 types are answered with a clear error.
/// </summary>
internal static class OpenValueTypes
{
    public static readonly IReadOnlyList<ChoiceOption> All =
    [
        .. Enum.GetValues<FhirPrimitiveType>().Where(t => t != FhirPrimitiveType.Xhtml).Select(Elements.Primitive),
        Elements.Complex("Attachment", () => Attachment.Info),
        Elements.Complex("CodeableConcept", () => CodeableConcept.Info),
        Elements.Complex("Coding", () => Coding.Info),
        Elements.Complex("Identifier", () => Identifier.Info),
        Elements.Complex("Period", () => Period.Info),
        Elements.Complex("Quantity", () => Quantity.Info),
        Elements.Complex("Reference", () => Reference.Info),
    ];
}
