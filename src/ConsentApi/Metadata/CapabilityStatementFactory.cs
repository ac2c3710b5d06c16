using ConsentApi.Consents.Search;
using FhirAdapters.Model;
using FhirAdapters.Primitives;

namespace ConsentApi.Metadata;

/// <summary>What this server supports, stated exactly: the interactions, search parameters and formats it implements.</summary>
public static class CapabilityStatementFactory
{
    public static CapabilityStatement Build(string baseUrl, DateTimeOffset now, string softwareVersion) => new()
    {
        Id = "consent-registry",
        Url = baseUrl + "/metadata",
        Version = softwareVersion,
        Name = "ConsentRegistry",
        Title = "ConsentRegistry: England's register of data-sharing choices and objections",
        Status = "active",
        Experimental = false,
        Date = FhirDateTime.FormatInstant(now),
        Publisher = "ConsentRegistry",
        Description = "FHIR R4 API of the national register of patients' data-sharing choices and objections (Caldicott2 recommendations 8 and 11).",
        Kind = "instance",
        Software = new CapabilityStatementSoftware { Name = "ConsentRegistry", Version = softwareVersion },
        Implementation = new CapabilityStatementImplementation { Description = "ConsentRegistry FHIR API", Url = baseUrl },
        FhirVersion = "4.0.1",
        Format = ["application/fhir+json", "json"],
        Rest =
        [
            new CapabilityStatementRest
            {
                Mode = "server",
                Security = Security(baseUrl),
                Documentation = "JSON only (application/fhir+json or application/json); other media types get 406/415. Errors are OperationOutcome resources.",
                Resource = [ConsentResource(), AuditEventResource(), SubscriptionResource()],
                Operation =
                [
                    new CapabilityStatementOperation
                    {
                        Name = "check-opt-outs",
                        Definition = "https://consentregistry.example/OperationDefinition/check-opt-outs",
                        Documentation = "Bulk opt-out check: POST a .dat list of NHS numbers (text/plain) with ?purpose=&disclosure=; the reply lists the numbers that may be used (or every decision as application/x-ndjson). Prefer: respond-async supported.",
                    },
                    new CapabilityStatementOperation
                    {
                        Name = "export",
                        Definition = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export",
                        Documentation = "FHIR Bulk Data export (system level, and Patient/$export): Prefer: respond-async, _type (Consent, AuditEvent, DisclosureRegisterEntry), _since; status at $export-status/{id}, files as application/fhir+ndjson.",
                    },
                ],
            },
        ],
    };

    /// <summary>SMART on FHIR: where to get a token (the oauth-uris extension) and that tokens are SMART's.</summary>
    private static CapabilityStatementSecurity Security(string fhirBase)
    {
        var root = fhirBase.EndsWith("/fhir", StringComparison.Ordinal) ? fhirBase[..^"/fhir".Length] : fhirBase;
        return new CapabilityStatementSecurity
        {
            Cors = false,
            Service = [new CodeableConcept { Coding = [new Coding("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR")] }],
            Description = "Every request needs a bearer token. Client systems: SMART Backend Services (client_credentials with a signed JWT assertion) " +
                "with system/Consent.rs, system/Consent.cud, system/AuditEvent.rs, system/Subscription.cruds, registry.decisions. People, through apps: authorization code with PKCE, " +
                "with patient/Consent.rs, patient/Consent.cud, patient/AuditEvent.rs (a patient's own choices and those they are an approved proxy for). " +
                "See /.well-known/smart-configuration.",
            Extension =
            [
                new Extension
                {
                    Url = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
                    Extension =
                    [
                        new Extension { Url = "token", Value = new FhirPrimitive(FhirPrimitiveType.Uri, root + "/auth/token") },
                        new Extension { Url = "authorize", Value = new FhirPrimitive(FhirPrimitiveType.Uri, root + "/auth/authorize") },
                    ],
                },
            ],
        };
    }

    private static CapabilityStatementResource ConsentResource() => new()
    {
        Type = "Consent",
        Profile = "http://hl7.org/fhir/StructureDefinition/Consent",
        Documentation = """
            Registry profile: Consent.patient carries the person's NHS number (identifier system https://fhir.nhs.uk/Id/nhs-number, Modulus 11 checked) and
            Consent.organization carries ODS codes (https://fhir.nhs.uk/Id/ods-organization-code). Invariants ppc-1 to ppc-5 are enforced; ppc-2..ppc-5 as intended,
            with the real consentscope system (the published expressions compare with 'something' and never fire). A person has one Consent per policy
            (policy.uri or policyRule): a second create is refused with 422 DUPLICATE_REJECTED; change the existing one with PUT.
            Dates without a time zone are read as UTC in searches. Every version is kept; delete writes a new version and read then answers 410.
            Search pages are pinned to a snapshot (_snapshot in the links), so following next/previous is stable while data changes.
            Under Prefer: handling=strict unknown search parameters are an error; otherwise they are listed in an OperationOutcome entry.
            """,
        Interaction =
        [
            new("read"), new("vread"), new("update", "If-Match W/\"n\" gives 412 when the Consent has moved on."), new("delete"),
            new("history-instance"), new("history-type"), new("create", "If-None-Exist supported (conditional create)."), new("search-type", "GET and POST _search."),
        ],
        Versioning = "versioned-update",
        ReadHistory = true,
        UpdateCreate = false,
        ConditionalCreate = true,
        ConditionalRead = "not-supported",
        ConditionalUpdate = false,
        ConditionalDelete = "not-supported",
        SearchParam =
        [
            .. ConsentSearchParameters.All.Select(p => new CapabilityStatementSearchParam
            {
                Name = p.Name,
                Definition = p.Definition,
                Type = p.Type.ToString().ToLowerInvariant(),
                Documentation = p.Documentation,
            }),
            new CapabilityStatementSearchParam { Name = "_count", Type = "number", Documentation = "Page size (default 20, at most 1000)." },
            new CapabilityStatementSearchParam { Name = "_sort", Type = "special", Documentation = "_id, _lastUpdated, date, period, status; '-' for descending." },
            new CapabilityStatementSearchParam { Name = "_total", Type = "special", Documentation = "none (default), estimate or accurate." },
            new CapabilityStatementSearchParam { Name = "_summary", Type = "special", Documentation = "count or false." },
        ],
        Operation =
        [
            new CapabilityStatementOperation
            {
                Name = "evaluate",
                Definition = "https://consentregistry.example/OperationDefinition/Consent-evaluate",
                Documentation = "May this person's data go to this recipient for this purpose? In: patient, purpose, actor, date, legalBasis, source. Out: decision, policy, basis, explanation, exemption, policyOutcome. GET or POST (Parameters).",
            },
        ],
    };

    private static CapabilityStatementResource AuditEventResource() => new()
    {
        Type = "AuditEvent",
        Profile = "http://hl7.org/fhir/StructureDefinition/AuditEvent",
        Documentation = "Every read, search, history, decision and bulk check that touched a person, newest first; hash-chained and append-only.",
        Interaction = [new("search-type", "patient is required.")],
        SearchParam =
        [
            new CapabilityStatementSearchParam { Name = "patient", Type = "reference", Documentation = "The person's NHS number (bare or https://fhir.nhs.uk/Id/nhs-number|...)." },
            new CapabilityStatementSearchParam { Name = "_count", Type = "number", Documentation = "Page size (default 50, at most 500)." },
        ],
    };

    private static CapabilityStatementResource SubscriptionResource() => new()
    {
        Type = "Subscription",
        Profile = "http://hl7.org/fhir/StructureDefinition/Subscription",
        Documentation = "rest-hook notifications of Consent changes (criteria Consent, with patient.identifier, policy and status), for client systems " +
            "holding system/Subscription.cruds and system/Consent.rs. Payload empty (POST) or application/fhir+json (PUT/DELETE {endpoint}/Consent/{id}); " +
            "in order per subscription, at least once (X-Subscription-Sequence), with a handshake on activation.",
        Interaction = [new("create"), new("read"), new("update", "status 'requested' re-activates; 'off' pauses."), new("delete"), new("search-type")],
        SearchParam =
        [
            new CapabilityStatementSearchParam { Name = "status", Type = "token", Documentation = "requested | active | error | off." },
            new CapabilityStatementSearchParam { Name = "url", Type = "uri", Documentation = "The channel endpoint." },
            new CapabilityStatementSearchParam { Name = "criteria", Type = "string", Documentation = "Exact criteria." },
        ],
    };
}
