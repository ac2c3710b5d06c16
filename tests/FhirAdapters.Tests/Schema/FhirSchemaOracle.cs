using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FhirAdapters.Tests.Schema;

/// <summary>
/// Test oracle: checks JSON against the official FHIR R4 JSON schema in ../shared/fhir-r4. It implements the
/// draft-06 keywords that schema uses ($ref, type, properties, additionalProperties, required, items, pattern,
/// enum, const, oneOf via its resourceType discriminator). The product never reads this file.
/// </summary>
public sealed class FhirSchemaOracle
{
    private static readonly Lazy<FhirSchemaOracle> Shared = new(Load);
    private readonly JsonElement _definitions;
    private readonly ConcurrentDictionary<string, Regex> _patterns = new();

    private FhirSchemaOracle(JsonDocument document)
    {
        _definitions = document.RootElement.GetProperty("definitions");
    }

    public static FhirSchemaOracle Instance => Shared.Value;

    public IReadOnlyList<string> Validate(string json)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new List<string>();
        CheckResource(document.RootElement, "$", errors);
        return errors;
    }

    private static FhirSchemaOracle Load()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ConsentRegistry.sln")))
        {
            directory = directory.Parent;
        }

        var path = directory is null ? null : Path.Combine(directory.FullName, "..", "shared", "fhir-r4", "fhir.schema.json");
        if (path is null || !File.Exists(path))
        {
            throw new FileNotFoundException("The FHIR R4 schema is expected at ../shared/fhir-r4/fhir.schema.json beside the repository.", path);
        }

        return new FhirSchemaOracle(JsonDocument.Parse(File.ReadAllBytes(path)));
    }

    private void CheckResource(JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("resourceType", out var type) || type.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{path}: a resource needs a string resourceType");
            return;
        }

        if (!_definitions.TryGetProperty(type.GetString()!, out var definition))
        {
            errors.Add($"{path}: unknown resourceType {type.GetString()}");
            return;
        }

        Check(definition, value, path, errors);
    }

    private void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!["#/definitions/".Length..];
            Check(_definitions.GetProperty(name), value, path, errors);
            return;
        }

        if (schema.TryGetProperty("oneOf", out _))
        {
            CheckResource(value, path, errors);
            return;
        }

        if (schema.TryGetProperty("const", out var constant) && value.GetRawText() != constant.GetRawText())
        {
            errors.Add($"{path}: expected {constant.GetRawText()}");
        }

        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => o.GetRawText() == value.GetRawText())
            && !IsR4TechnicalCorrection(path, value))
        {
            errors.Add($"{path}: {value.GetRawText()} is not one of the allowed codes");
        }

        if (schema.TryGetProperty("type", out var type) && !KindMatches(type.GetString()!, value))
        {
            errors.Add($"{path}: expected {type.GetString()}, found {value.ValueKind}");
            return;
        }

        if (schema.TryGetProperty("pattern", out var pattern) && value.ValueKind == JsonValueKind.String
            && !_patterns.GetOrAdd(pattern.GetString()!, p => new Regex(p, RegexOptions.CultureInvariant)).IsMatch(value.GetString()!))
        {
            errors.Add($"{path}: '{value.GetString()}' does not match {pattern.GetString()}");
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(items, item, $"{path}[{i++}]", errors);
            }
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            CheckObject(schema, value, path, errors);
        }
    }

    private void CheckObject(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        var hasProperties = schema.TryGetProperty("properties", out var properties);
        foreach (var property in value.EnumerateObject())
        {
            if (hasProperties && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(propertySchema, property.Value, $"{path}.{property.Name}", errors);
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False)
            {
                errors.Add($"{path}: property '{property.Name}' is not allowed");
            }
        }

        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    errors.Add($"{path}: '{name}' is required");
                }
            }
        }
    }

    /// <summary>
    /// The shipped schema is the 4.0.0 build of R4; its FHIRVersion enum stops at 4.0.0. R4's technical correction
    /// 4.0.1 (the version servers declare) added that code, so it is accepted for fhirVersion and nothing else.
    /// </summary>
    private static bool IsR4TechnicalCorrection(string path, JsonElement value) =>
        path.EndsWith(".fhirVersion", StringComparison.Ordinal) && value.ValueKind == JsonValueKind.String && value.GetString() == "4.0.1";

    private static bool KindMatches(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        _ => true,
    };
}
