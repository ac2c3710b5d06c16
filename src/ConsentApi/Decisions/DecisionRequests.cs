using ConsentApi.Fhir;
using ConsentApi.Policies;
using FhirAdapters.Json;
using Hl7.Fhir.Model;
using FhirAdapters.Primitives;

namespace ConsentApi.Decisions;

/// <summary>Reads $evaluate's parameters, from the query string or a Parameters body, into a <see cref="DecisionRequest"/>.</summary>
public static class DecisionRequests
{
    private static readonly string[] Known = ["patient", "purpose", "actor", "date", "legalBasis", "source"];

    public static async Task<(long Nhs, DecisionRequest Request)> ReadAsync(HttpContext context, PolicyCatalogue catalogue, DateTimeOffset now)
    {
        var values = HttpMethods.IsPost(context.Request.Method)
            ? await FromBodyAsync(context)
            : context.Request.Query.Where(q => q.Key is not ("_format" or "_pretty")).ToDictionary(q => q.Key, q => q.Value.ToString());
        var unknown = values.Keys.Except(Known).ToList();
        if (unknown.Count > 0)
        {
            throw RequestValues.Bad(unknown[0], $"$evaluate does not take '{string.Join("', '", unknown)}'. Its parameters are: {string.Join(", ", Known)}.");
        }

        return (RequestValues.NhsNumber(values.GetValueOrDefault("patient"), "patient"),
            Build(values.GetValueOrDefault("purpose"), values.GetValueOrDefault("actor"), values.GetValueOrDefault("date"),
                values.GetValueOrDefault("legalBasis"), values.GetValueOrDefault("source"), catalogue, now));
    }

    /// <summary>Builds a request from token-form values, checking each against the catalogue's vocabularies.</summary>
    public static DecisionRequest Build(string? purposeRaw, string? actorRaw, string? dateRaw, string? legalBasisRaw, string? sourceRaw,
        PolicyCatalogue catalogue, DateTimeOffset now)
    {
        var (system, code) = RequestValues.Coding(purposeRaw, "purpose", "a purpose of use, e.g. http://terminology.hl7.org/CodeSystem/v3-ActReason|HRESCH");
        var purpose = PurposesOfUse.Resolve(system, code)
            ?? throw RequestValues.Bad("purpose", $"'{purposeRaw}' is not a purpose of use this registry knows: use an HL7 v3 PurposeOfUse code ({PurposesOfUse.V3System}, e.g. HRESCH, HOPERAT, TREAT) or {PurposesOfUse.RegistrySystem}|research-contact.");
        var actor = RequestValues.Ods(actorRaw, "actor");
        var at = now.UtcTicks;
        if (!string.IsNullOrEmpty(dateRaw))
        {
            at = FhirDateRange.TryParse(dateRaw, out var date) ? date.Start.UtcTicks
                : throw RequestValues.Bad("date", $"'date' is not a FHIR date or dateTime ('{dateRaw}'): use e.g. 2026-11-22 or 2026-11-22T10:00:00Z.");
        }

        string? legalBasis = null;
        if (!string.IsNullOrEmpty(legalBasisRaw))
        {
            var (basisSystem, basisCode) = RequestValues.Coding(legalBasisRaw, "legalBasis", "a legal basis code");
            if ((basisSystem is not null && basisSystem != catalogue.Document.LegalBasisSystem) || catalogue.LegalBasis(basisCode) is null)
            {
                throw RequestValues.Bad("legalBasis", $"'{legalBasisRaw}' is not a legal basis this registry knows. Use one of {catalogue.Document.LegalBasisSystem}|"
                    + string.Join(", ", catalogue.Document.LegalBases.Select(b => b.Code)) + " (see /policies).");
            }

            legalBasis = basisCode;
        }

        string? source = null;
        if (!string.IsNullOrEmpty(sourceRaw))
        {
            var (_, sourceCode) = RequestValues.Coding(sourceRaw, "source", "a data source code");
            source = catalogue.IsDataSource(sourceCode) ? sourceCode
                : throw RequestValues.Bad("source", $"'{sourceRaw}' is not a data source this registry knows. Use one of: {string.Join(", ", catalogue.Document.DataSources.Select(s => s.Code))}.");
        }

        return new DecisionRequest(purpose.System, purpose.Code, actor, at, source, legalBasis);
    }

    private static async Task<Dictionary<string, string>> FromBodyAsync(HttpContext context)
    {
        var body = await FhirRequestBody.ReadAsync(context);
        if (!FhirJson.TryParse<Parameters>(body, out var parameters, out var issues))
        {
            throw new FhirErrorException(StatusCodes.Status400BadRequest, new OperationOutcome { Issue = [.. issues] });
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (p, i) in (parameters!.Parameter ?? []).Select((p, i) => (p, i)))
        {
            var name = p.Name ?? string.Empty;
            if (values.ContainsKey(name))
            {
                throw RequestValues.Bad($"Parameters.parameter[{i}]", $"Parameter '{name}' is given more than once; give it once.");
            }

            values[name] = p.Value switch
            {
                Identifier id => $"{id.System}|{id.Value}",
                ResourceReference { Identifier: { } id } => $"{id.System}|{id.Value}",
                Coding c => $"{c.System}|{c.Code}",
                CodeableConcept { Coding: [var c, ..] } => $"{c.System}|{c.Code}",
                PrimitiveType prim => prim.ToString() ?? string.Empty,
                _ => throw RequestValues.Bad($"Parameters.parameter[{i}].value[x]",
                    $"Parameter '{name}' has no usable value: patient and actor take valueIdentifier, purpose and legalBasis valueCoding, date valueDateTime, source valueCode."),
            };
        }

        return values;
    }
}
