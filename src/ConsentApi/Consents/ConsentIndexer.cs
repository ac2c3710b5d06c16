using Hl7.Fhir.Utility;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using FhirAdapters.Primitives;

namespace ConsentApi.Consents;

/// <summary>
/// Extracts the search values of a Consent into a <see cref="ConsentVersion"/>, following the R4 search parameter
/// expressions (e.g. purpose = Consent.provision.purpose), plus the registry's <c>policy</c> parameter.
/// </summary>
public static partial class ConsentIndexer
{
    public const string StatusSystem = "http://hl7.org/fhir/consent-state-codes";

    public static void Index(Consent consent, ConsentVersion version)
    {
        version.Status = consent.Status?.GetLiteral();
        version.PatientNhsNumber = consent.Patient?.Identifier is { System: NhsNumber.System, Value: { } nhs } ? nhs : null;
        if (FhirDateRange.TryParse(consent.DateTime, out var date))
        {
            version.DateStart = date.Start.UtcTicks;
            version.DateEnd = date.EndInclusive.UtcTicks;
        }

        var period = consent.Provision?.Period;
        if (period is not null && (period.Start is not null || period.End is not null))
        {
            version.PeriodStart = FhirDateRange.TryParse(period.Start, out var start) ? start.Start.UtcTicks : DateTimeOffset.MinValue.UtcTicks;
            version.PeriodEnd = FhirDateRange.TryParse(period.End, out var end) ? end.EndInclusive.UtcTicks : DateTimeOffset.MaxValue.UtcTicks;
        }

        var tokens = version.Tokens;
        if (consent.Status is not null)
        {
            tokens.Add(new ConsentSearchToken { Param = "status", System = StatusSystem, Code = consent.Status.Value.GetLiteral() });
        }

        AddConcept(tokens, "scope", consent.Scope);
        foreach (var category in consent.Category ?? [])
        {
            AddConcept(tokens, "category", category);
        }

        foreach (var identifier in consent.Identifier ?? [])
        {
            tokens.Add(new ConsentSearchToken { Param = "identifier", System = identifier.System, Code = identifier.Value, Text = Lower(identifier.Type?.Text) });
        }

        foreach (var policy in consent.Policy ?? [])
        {
            if (policy.Uri is not null)
            {
                tokens.Add(new ConsentSearchToken { Param = "policy", Code = policy.Uri });
            }
        }

        AddConcept(tokens, "policy", consent.PolicyRule);
        var provision = consent.Provision;
        foreach (var action in provision?.Action ?? [])
        {
            AddConcept(tokens, "action", action);
        }

        foreach (var purpose in provision?.Purpose ?? [])
        {
            AddCoding(tokens, "purpose", purpose, null);
        }

        foreach (var label in provision?.SecurityLabel ?? [])
        {
            AddCoding(tokens, "security-label", label, null);
        }

        var references = version.References;
        AddReference(references, "patient", consent.Patient);
        foreach (var organization in consent.Organization ?? [])
        {
            AddReference(references, "organization", organization);
        }

        foreach (var performer in consent.Performer ?? [])
        {
            AddReference(references, "consentor", performer);
        }

        foreach (var actor in provision?.Actor ?? [])
        {
            AddReference(references, "actor", actor.Reference);
        }

        foreach (var data in provision?.Data ?? [])
        {
            AddReference(references, "data", data.Reference);
        }

        AddReference(references, "source-reference", consent.Source as ResourceReference);
    }

    private static void AddConcept(List<ConsentSearchToken> tokens, string param, CodeableConcept? concept)
    {
        if (concept is null)
        {
            return;
        }

        if (concept.Coding is not { Count: > 0 })
        {
            if (concept.Text is not null)
            {
                tokens.Add(new ConsentSearchToken { Param = param, Text = Lower(concept.Text) });
            }

            return;
        }

        foreach (var coding in concept.Coding)
        {
            AddCoding(tokens, param, coding, concept.Text);
        }
    }

    private static void AddCoding(List<ConsentSearchToken> tokens, string param, Coding coding, string? conceptText) =>
        tokens.Add(new ConsentSearchToken
        {
            Param = param,
            System = coding.System,
            Code = coding.Code,
            Text = Lower(string.Join(' ', new[] { coding.Display, conceptText }.Where(t => t is not null))),
        });

    private static void AddReference(List<ConsentSearchReference> references, string param, ResourceReference? reference)
    {
        if (reference is null)
        {
            return;
        }

        var row = new ConsentSearchReference
        {
            Param = param,
            TargetType = reference.Type,
            IdentifierSystem = reference.Identifier?.System,
            IdentifierValue = reference.Identifier?.Value,
        };
        if (reference.Reference is { } literal && !literal.StartsWith('#'))
        {
            var match = LiteralReference().Match(literal);
            if (match.Success)
            {
                row.TargetType = match.Groups["type"].Value;
                row.TargetId = match.Groups["id"].Value;
                row.Url = match.Groups["base"].Success ? literal : null;
            }
            else
            {
                row.Url = literal;
            }
        }

        if (row.TargetId is not null || row.Url is not null || row.IdentifierValue is not null)
        {
            references.Add(row);
        }
    }

    /// <summary>Splits a literal reference into (base) type and id, e.g. https://x/fhir/Patient/123/_history/2.</summary>
    [GeneratedRegex(@"^(?:(?<base>https?://\S+?)/)?(?<type>[A-Z][A-Za-z]+)/(?<id>[A-Za-z0-9\-\.]{1,64})(?:/_history/[A-Za-z0-9\-\.]{1,64})?$")]
    public static partial Regex LiteralReference();

    private static string? Lower(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.ToLowerInvariant();
}
