using System.Globalization;
using System.Text;
using System.Text.Json;
using FhirAdapters.Model;

namespace FhirAdapters.Json;

/// <summary>
/// Reads FHIR R4 JSON into the model in one pass, collecting every structural problem (unknown elements, wrong
/// JSON types, nulls, empty arrays, duplicate keys) with the FHIRPath of the element concerned.
/// </summary>
internal sealed class FhirJsonReader
{
    private const int MaxIssues = 50;
    private readonly List<OperationOutcomeIssue> _issues = [];

    private FhirJsonReader()
    {
    }

    public static Resource? Read(ReadOnlySpan<byte> json, string? expectedType, out List<OperationOutcomeIssue> issues)
    {
        var self = new FhirJsonReader();
        issues = self._issues;
        if (json.IsEmpty || json.Trim(" \t\r\n"u8).IsEmpty)
        {
            self.Add("The body is empty: send a FHIR resource as JSON.", null, "required");
            return null;
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            reader.Read();
            var resource = self.ReadResource(ref reader, path: null, expectedType, allowRaw: false);
            if (reader.Read())
            {
                self.Add($"Unexpected content after the end of the resource at byte {reader.TokenStartIndex}.", null, "structure");
            }

            return self._issues.Count == 0 ? resource : null;
        }
        catch (JsonException ex)
        {
            self._issues.Clear();
            var message = ex.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }

            self.Add($"The body is not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}): {message}", null, "structure");
            return null;
        }
        catch (InvalidOperationException ex)
        {
            self._issues.Clear();
            self.Add($"The body is not valid UTF-8 JSON text: {ex.Message}", null, "structure");
            return null;
        }
    }

    private void Add(string diagnostics, string? path, string code = "structure")
    {
        if (_issues.Count < MaxIssues)
        {
            _issues.Add(OperationOutcomeIssue.Error(code, diagnostics, path));
        }
    }

    private Resource? ReadResource(ref Utf8JsonReader reader, string? path, string? expectedType, bool allowRaw)
    {
        var where = path ?? "the body";
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Add($"Expected a FHIR resource (a JSON object) at {where}, found {Describe(reader.TokenType)}.", path);
            reader.Skip();
            return null;
        }

        var resourceType = FindResourceType(reader);
        if (resourceType is null)
        {
            Add($"The resource at {where} has no resourceType: add \"resourceType\": \"{expectedType ?? "Consent"}\".", path, "required");
            reader.Skip();
            return null;
        }

        if (expectedType is not null && resourceType != expectedType)
        {
            Add($"resourceType is '{resourceType}' but this endpoint takes '{expectedType}'.", path ?? expectedType, "invalid");
            reader.Skip();
            return null;
        }

        if (ResourceTypes.TryGet(resourceType, out var info))
        {
            return (Resource)ReadObject(ref reader, info, path ?? resourceType);
        }

        if (allowRaw)
        {
            using var doc = JsonDocument.ParseValue(ref reader);
            return new RawResource(resourceType, doc.RootElement);
        }

        Add($"Resource type '{resourceType}' is not supported at {where}; supported: {string.Join(", ", ResourceTypes.Names)}.", path, "not-supported");
        reader.Skip();
        return null;
    }

    private static string? FindResourceType(Utf8JsonReader probe)
    {
        // probe is a copy positioned on StartObject: scan its own properties only.
        while (probe.Read() && probe.TokenType == JsonTokenType.PropertyName)
        {
            var isType = probe.ValueTextEquals("resourceType"u8);
            probe.Read();
            if (isType)
            {
                return probe.TokenType == JsonTokenType.String ? probe.GetString() : null;
            }

            probe.Skip();
        }

        return null;
    }

    private Base ReadObject(ref Utf8JsonReader reader, FhirTypeInfo info, string path)
    {
        var obj = info.Factory();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var elementPath = path + "." + name;
            if (!seen.Add(name))
            {
                Add($"{elementPath} appears more than once in the same object; JSON property names must be unique.", elementPath);
                reader.Skip();
                continue;
            }

            if (name == "resourceType" && info.IsResource)
            {
                continue;
            }

            if (name.Length > 1 && name[0] == '_')
            {
                ReadSibling(ref reader, obj, info, name[1..], path);
                continue;
            }

            if (!info.TryGetElement(name, out var element, out var option))
            {
                Add(UnknownElementMessage(info, name, path), elementPath);
                reader.Skip();
                continue;
            }

            ReadElement(ref reader, obj, element, option, elementPath);
        }

        return obj;
    }

    private static string UnknownElementMessage(FhirTypeInfo info, string name, string path)
    {
        var choice = info.FindChoiceByPrefix(name);
        if (choice is not null)
        {
            var allowed = string.Join(", ", choice.Choices!.Select(choice.ChoiceName));
            return $"{path}.{name} is not allowed: {choice.Name}[x] here takes only {allowed}.";
        }

        if (name == "resourceType")
        {
            return $"{path} is not a resource, so it cannot have a resourceType.";
        }

        var near = info.Elements.Select(e => e.Name).FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        var hint = near is null ? " Check the spelling and case against the FHIR R4 definition." : $" Did you mean '{near}'? Element names are case-sensitive.";
        return $"Unknown element '{name}' in {path}: it is not part of FHIR R4 {info.Name}.{hint}";
    }

    private void ReadElement(ref Utf8JsonReader reader, Base obj, ElementInfo element, ChoiceOption? option, string path)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            Add($"{path} is null: FHIR JSON does not allow nulls; leave the element out instead.", path);
            return;
        }

        if (!element.IsList)
        {
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                Add($"{path} must be a single value, not an array (it repeats at most once).", path);
                reader.Skip();
                return;
            }

            var value = ReadItem(ref reader, element, option, path);
            if (value is null)
            {
                return;
            }

            if (element.Kind == ElementKind.Choice)
            {
                SetChoice(obj, element, option!, value, path);
            }
            else
            {
                element.Set(obj, value);
            }

            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Add($"{path} must be a JSON array, because the element can repeat; found {Describe(reader.TokenType)}.", path);
            reader.Skip();
            return;
        }

        var list = element.NewList!();
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var itemPath = $"{path}[{index++}]";
            if (reader.TokenType == JsonTokenType.Null)
            {
                Add($"{itemPath} is null: arrays in FHIR JSON may not contain nulls.", itemPath);
                continue;
            }

            var item = ReadItem(ref reader, element, option, itemPath);
            if (item is not null)
            {
                list.Add(item);
            }
        }

        if (index == 0)
        {
            Add($"{path} is an empty array: FHIR JSON does not allow empty arrays; leave the element out instead.", path);
            return;
        }

        if (list.Count > 0)
        {
            element.Set(obj, list);
        }
    }

    private object? ReadItem(ref Utf8JsonReader reader, ElementInfo element, ChoiceOption? option, string path)
    {
        switch (element.Kind)
        {
            case ElementKind.Primitive:
                return ReadPrimitive(ref reader, element.Primitive, path, asLexical: false);
            case ElementKind.Resource:
                return ReadResource(ref reader, path, expectedType: null, allowRaw: element.Name == "contained");
            case ElementKind.Complex:
                return ReadComplex(ref reader, element.ComplexType!(), path);
            default:
                if (option!.Primitive is { } primitive)
                {
                    var lexical = (string?)ReadPrimitive(ref reader, primitive, path, asLexical: true);
                    return lexical is null ? null : new FhirPrimitive(primitive, lexical);
                }

                return ReadComplex(ref reader, option.Complex!(), path);
        }
    }

    private Base? ReadComplex(ref Utf8JsonReader reader, FhirTypeInfo info, string path)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Add($"{path} must be a JSON object (FHIR {info.Name}), found {Describe(reader.TokenType)}.", path);
            reader.Skip();
            return null;
        }

        return ReadObject(ref reader, info, path);
    }

    private void SetChoice(Base obj, ElementInfo element, ChoiceOption option, object value, string path)
    {
        var existing = element.Get(obj);
        if (existing is null)
        {
            element.Set(obj, value);
        }
        else if (existing is FhirPrimitive p && value is FhirPrimitive v && p.Type == v.Type && p.Value is null)
        {
            p.Value = v.Value;
        }
        else
        {
            Add($"{path}: {element.Name}[x] has more than one value; give only one of its types ({option.TypeName} here).", path);
        }
    }

    private object? ReadPrimitive(ref Utf8JsonReader reader, FhirPrimitiveType type, string path, bool asLexical)
    {
        var typeName = FhirPrimitives.Name(type);
        if (type == FhirPrimitiveType.Boolean)
        {
            if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
            {
                var b = reader.TokenType == JsonTokenType.True;
                return asLexical ? (b ? "true" : "false") : b;
            }

            Add($"{path} must be a JSON boolean (true or false, without quotes), found {Describe(reader.TokenType)}.", path);
            reader.Skip();
            return null;
        }

        if (FhirPrimitives.IsNumber(type))
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                Add($"{path} must be a JSON number (FHIR {typeName}, without quotes), found {Describe(reader.TokenType)}.", path);
                reader.Skip();
                return null;
            }

            var raw = Encoding.UTF8.GetString(reader.ValueSpan);
            if (!FhirPrimitives.IsInteger(type))
            {
                return raw;
            }

            if (!FhirPrimitives.IsValid(FhirPrimitiveType.Integer, raw))
            {
                Add($"{path} must be a whole number (FHIR {typeName}), found {raw}.", path, "value");
                return null;
            }

            if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                Add($"{path} is out of range: FHIR {typeName} is a 32-bit integer, found {raw}.", path, "value");
                return null;
            }

            return asLexical ? raw : number;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            Add($"{path} must be a JSON string (FHIR {typeName}), found {Describe(reader.TokenType)}.", path);
            reader.Skip();
            return null;
        }

        return reader.GetString();
    }

    private void ReadSibling(ref Utf8JsonReader reader, Base obj, FhirTypeInfo info, string baseName, string path)
    {
        var siblingPath = path + "._" + baseName;
        if (!info.TryGetElement(baseName, out var element, out var option)
            || !(element.Kind == ElementKind.Primitive ? element.AllowsSibling : option?.Primitive is not null))
        {
            Add($"{siblingPath} is not allowed: '_{baseName}' carries the id and extensions of a primitive element, and {path} has no primitive '{baseName}'.", siblingPath);
            reader.Skip();
            return;
        }

        if (element.IsList)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                Add($"{siblingPath} must be an array aligned with {path}.{baseName}.", siblingPath);
                reader.Skip();
                return;
            }

            var siblings = new List<Element?>();
            var i = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                siblings.Add(reader.TokenType == JsonTokenType.Null ? null : (Element?)ReadComplex(ref reader, Element.Info, $"{siblingPath}[{i}]"));
                i++;
            }

            obj.SetSiblings(baseName, siblings);
            return;
        }

        if (ReadComplex(ref reader, Element.Info, siblingPath) is not Element sibling)
        {
            return;
        }

        if (element.Kind != ElementKind.Choice)
        {
            obj.SetSiblings(baseName, [sibling]);
            return;
        }

        var existing = element.Get(obj);
        if (existing is null)
        {
            existing = new FhirPrimitive(option!.Primitive!.Value, null);
            element.Set(obj, existing);
        }

        if (existing is FhirPrimitive primitive && primitive.Type == option!.Primitive)
        {
            primitive.ElementId = sibling.ElementId;
            primitive.Extension = sibling.Extension;
        }
        else
        {
            Add($"{siblingPath} does not match the type of {element.Name}[x] given.", siblingPath);
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
