using System.Collections;
using System.Text.Json;
using FhirAdapters.Model;

namespace FhirAdapters.Json;

/// <summary>
/// Writes the model as FHIR R4 JSON: resourceType first, elements in definition order, no nulls, no empty
/// arrays or objects, primitive extensions as <c>_name</c>, decimals in their exact lexical form.
/// </summary>
internal static class FhirJsonWriter
{
    public static void WriteResource(Utf8JsonWriter writer, Resource resource)
    {
        if (resource is RawResource raw)
        {
            raw.Json.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("resourceType", resource.ResourceType);
        WriteMembers(writer, resource);
        writer.WriteEndObject();
    }

    private static void WriteObject(Utf8JsonWriter writer, Base obj)
    {
        writer.WriteStartObject();
        WriteMembers(writer, obj);
        writer.WriteEndObject();
    }

    private static void WriteMembers(Utf8JsonWriter writer, Base obj)
    {
        foreach (var element in obj.TypeInfo.Elements)
        {
            var value = element.Get(obj);
            switch (element.Kind)
            {
                case ElementKind.Primitive:
                    WritePrimitiveElement(writer, obj, element, value);
                    break;
                case ElementKind.Complex:
                    WriteComplexElement(writer, element, value);
                    break;
                case ElementKind.Resource:
                    WriteResourceElement(writer, element, value);
                    break;
                default:
                    WriteChoice(writer, element, (DataType?)value);
                    break;
            }
        }
    }

    private static void WritePrimitiveElement(Utf8JsonWriter writer, Base obj, ElementInfo element, object? value)
    {
        if (element.IsList)
        {
            if (value is IList { Count: > 0 } list)
            {
                writer.WriteStartArray(element.Name);
                foreach (var item in list)
                {
                    WritePrimitive(writer, element.Primitive, item!);
                }

                writer.WriteEndArray();
            }
        }
        else if (value is not null)
        {
            writer.WritePropertyName(element.Name);
            WritePrimitive(writer, element.Primitive, value);
        }

        var siblings = obj.GetSiblings(element.Name);
        if (siblings is null || siblings.All(s => s is null || IsEmpty(s)))
        {
            return;
        }

        writer.WritePropertyName("_" + element.Name);
        if (!element.IsList)
        {
            WriteObject(writer, siblings[0]!);
            return;
        }

        writer.WriteStartArray();
        foreach (var sibling in siblings)
        {
            if (sibling is null || IsEmpty(sibling))
            {
                writer.WriteNullValue();
            }
            else
            {
                WriteObject(writer, sibling);
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteComplexElement(Utf8JsonWriter writer, ElementInfo element, object? value)
    {
        if (!element.IsList)
        {
            if (value is Base single && !IsEmpty(single))
            {
                writer.WritePropertyName(element.Name);
                WriteObject(writer, single);
            }

            return;
        }

        if (value is not IList list || !list.Cast<Base>().Any(b => !IsEmpty(b)))
        {
            return;
        }

        writer.WriteStartArray(element.Name);
        foreach (Base item in list)
        {
            if (!IsEmpty(item))
            {
                WriteObject(writer, item);
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteResourceElement(Utf8JsonWriter writer, ElementInfo element, object? value)
    {
        if (!element.IsList)
        {
            if (value is Resource single)
            {
                writer.WritePropertyName(element.Name);
                WriteResource(writer, single);
            }

            return;
        }

        if (value is IList { Count: > 0 } list)
        {
            writer.WriteStartArray(element.Name);
            foreach (Resource item in list)
            {
                WriteResource(writer, item);
            }

            writer.WriteEndArray();
        }
    }

    private static void WriteChoice(Utf8JsonWriter writer, ElementInfo element, DataType? value)
    {
        if (value is null)
        {
            return;
        }

        if (value is FhirPrimitive primitive)
        {
            var name = element.Name + char.ToUpperInvariant(FhirPrimitives.Name(primitive.Type)[0]) + FhirPrimitives.Name(primitive.Type)[1..];
            if (primitive.Value is not null)
            {
                writer.WritePropertyName(name);
                WritePrimitive(writer, primitive.Type, primitive.Value);
            }

            if (primitive.ElementId is not null || primitive.Extension is { Count: > 0 })
            {
                writer.WritePropertyName("_" + name);
                writer.WriteStartObject();
                WriteMembers(writer, primitive);
                writer.WriteEndObject();
            }

            return;
        }

        if (!IsEmpty(value))
        {
            writer.WritePropertyName(element.Name + value.FhirTypeName);
            WriteObject(writer, value);
        }
    }

    private static void WritePrimitive(Utf8JsonWriter writer, FhirPrimitiveType type, object value)
    {
        switch (value)
        {
            case bool b:
                writer.WriteBooleanValue(b);
                return;
            case int i:
                writer.WriteNumberValue(i);
                return;
        }

        var text = (string)value;
        if (type == FhirPrimitiveType.Boolean)
        {
            writer.WriteBooleanValue(text switch
            {
                "true" => true,
                "false" => false,
                _ => throw new FormatException($"'{text}' is not a FHIR boolean."),
            });
        }
        else if (FhirPrimitives.IsNumber(type))
        {
            if (!FhirPrimitives.IsValid(type == FhirPrimitiveType.Decimal ? FhirPrimitiveType.Decimal : FhirPrimitiveType.Integer, text))
            {
                throw new FormatException($"'{text}' is not a valid FHIR {FhirPrimitives.Name(type)}.");
            }

            writer.WriteRawValue(text);
        }
        else
        {
            writer.WriteStringValue(text);
        }
    }

    /// <summary>True when an object has no value and no child with a value: such objects are not written.</summary>
    internal static bool IsEmpty(Base obj)
    {
        if (obj is FhirPrimitive p)
        {
            return p.Value is null && p.ElementId is null && p.Extension is not { Count: > 0 };
        }

        foreach (var element in obj.TypeInfo.Elements)
        {
            var value = element.Get(obj);
            var hasValue = value switch
            {
                null => false,
                IList list => list.Count > 0,
                Base child => !IsEmpty(child),
                _ => true,
            };
            if (hasValue || obj.GetSiblings(element.Name) is { Count: > 0 })
            {
                return false;
            }
        }

        return true;
    }

}
