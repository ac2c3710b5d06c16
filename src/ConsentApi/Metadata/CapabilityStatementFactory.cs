using ConsentApi.Consents.Search;
using SearchParamType = Hl7.Fhir.Model.SearchParamType;
using Hl7.Fhir.Model;
using FhirAdapters.Primitives;
using FhirAdapters.Profiles;

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
        Status = PublicationStatus.Active,
        Experimental = false,
        Date = FhirDateRange.FormatInstant(now),
        Publisher = "ConsentRegistry",
        Description = "FHIR R4 API of the national register of patients' data-sharing choices and objections (Caldicott2 recommendations 8 and 11).",
        Kind = CapabilityStatementKind.Instance,
        Software = new CapabilityStatement.SoftwareComponent { Name = "ConsentRegistry", Version = softwareVersion },
        Implementation = new CapabilityStatement.ImplementationComponent { Description = "ConsentRegistry FHIR API", Url = baseUrl },
        FhirVersion = FHIRVersion.N4_0_1,
        Format = ["application/fhir+json", "json", "application/fhir+xml", "xml"],
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Security = Security(baseUrl),
                Documentation = "FHIR JSON (application/fhir+json or application/json) and FHIR XML (application/fhir+xml); other media types get 406/415. _summary (true, text, data, count, false) and _elements on reads and searches. Errors are OperationOutcome resources with the element (expression) and a coded details.",
                Resource = [ConsentResource(), AuditEventResource(), SubscriptionResource(), PatientResource(), .. ConformanceResources()],
                Operation =
                [
                    new CapabilityStatement.OperationComponent
                    {
                        Name = "check-opt-outs",
                        Definition = "https://consentregistry.example/OperationDefinition/check-opt-outs",
                        Documentation = "Bulk opt-out check: POST a .dat list of NHS numbers (text/plain) with ?purpose=&disclosure=; the reply lists the numbers that may be used (or every decision as application/x-ndjson). Prefer: respond-async supported.",
                    },
                    new CapabilityStatement.OperationComponent
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
    private static CapabilityStatement.SecurityComponent Security(string fhirBase)
    {
        var root = fhirBase.EndsWith("/fhir", StringComparison.Ordinal) ? fhirBase[..^"/fhir".Length] : fhirBase;
        return new CapabilityStatement.SecurityComponent
        {
            Cors = false,
            Service = [new CodeableConcept { Coding = [new Coding("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR")] }],
            Description = "Every request needs a bearer token. Client systems: SMART Backend Services (client_credentials with a signed JWT assertion) " +
                "with system/Consent.rs, system/Consent.cud, system/AuditEvent.rs, system/Subscription.cruds, registry.decisions (and, for the registrations feed, system/Patient.cru). People, through apps: authorization code with PKCE, " +
                "with patient/Consent.rs, patient/Consent.cud, patient/AuditEvent.rs (a patient's own choices and those they are an approved proxy for). " +
                "See /.well-known/smart-configuration.",
            Extension =
            [
                new Extension
                {
                    Url = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
                    Extension =
                    [
                        new Extension { Url = "token", Value = new FhirUri(root + "/auth/token") },
                        new Extension { Url = "authorize", Value = new FhirUri(root + "/auth/authorize") },
                    ],
                },
            ],
        };
    }

    private static CapabilityStatement.ResourceComponent ConsentResource() => new()
    {
        Type = "Consent",
        Profile = "http://hl7.org/fhir/StructureDefinition/Consent",
        SupportedProfile = [RegistryConformance.ConsentProfile],
        Documentation = """
            Every create and update is validated against the registry profile (supportedProfile; StructureDefinition/registry-consent on this server):
            Consent.patient carries the person's NHS number (identifier system https://fhir.nhs.uk/Id/nhs-number, Modulus 11 checked), Consent.organization
            carries ODS codes (https://fhir.nhs.uk/Id/ods-organization-code), provision.purpose is bound to ValueSet/purpose-of-use and the capture-channel
            extension to ValueSet/capture-channel. Check a Consent first with POST Consent/$validate. A person has one Consent per policy
            (policy.uri or policyRule): a second create is refused with 422 DUPLICATE_REJECTED; change the existing one with PUT.
            Dates without a time zone are read as UTC in searches. Every version is kept; delete writes a new version and read then answers 410.
            Search pages are pinned to a snapshot (_snapshot in the links), so following next/previous is stable while data changes.
            Under Prefer: handling=strict unknown search parameters are an error; otherwise they are listed in an OperationOutcome entry.
            """,
        Interaction =
        [
            Interaction("read"), Interaction("vread"), Interaction("update", "If-Match W/\"n\" gives 412 when the Consent has moved on."), Interaction("delete"),
            Interaction("history-instance"), Interaction("history-type"), Interaction("create", "If-None-Exist supported (conditional create)."), Interaction("search-type", "GET and POST _search."),
        ],
        Versioning = CapabilityStatement.ResourceVersionPolicy.VersionedUpdate,
        ReadHistory = true,
        UpdateCreate = false,
        ConditionalCreate = true,
        ConditionalRead = CapabilityStatement.ConditionalReadStatus.NotSupported,
        ConditionalUpdate = false,
        ConditionalDelete = CapabilityStatement.ConditionalDeleteStatus.NotSupported,
        SearchParam =
        [
            .. ConsentSearchParameters.All.Select(p => new CapabilityStatement.SearchParamComponent
            {
                Name = p.Name,
                Definition = p.Definition,
                Type = Hl7.Fhir.Utility.EnumUtility.ParseLiteral<SearchParamType>(p.Type.ToString().ToLowerInvariant()),
                Documentation = p.Documentation,
            }),
            new CapabilityStatement.SearchParamComponent { Name = "_count", Type = SearchParamType.Number, Documentation = "Page size (default 20, at most 1000)." },
            new CapabilityStatement.SearchParamComponent { Name = "_sort", Type = SearchParamType.Special, Documentation = "_id, _lastUpdated, date, period, status; '-' for descending." },
            new CapabilityStatement.SearchParamComponent { Name = "_total", Type = SearchParamType.Special, Documentation = "none (default), estimate or accurate." },
            new CapabilityStatement.SearchParamComponent { Name = "_summary", Type = SearchParamType.Special, Documentation = "true, text, data, count or false." },
            new CapabilityStatement.SearchParamComponent { Name = "_elements", Type = SearchParamType.Special, Documentation = "Comma-separated top-level elements to return." },
        ],
        Operation =
        [
            new CapabilityStatement.OperationComponent
            {
                Name = "evaluate",
                Definition = "https://consentregistry.example/OperationDefinition/Consent-evaluate",
                Documentation = "May this person's data go to this recipient for this purpose? In: patient, purpose, actor, date, legalBasis, source. Out: decision, policy, basis, explanation, exemption, policyOutcome. GET or POST (Parameters).",
            },
            new CapabilityStatement.OperationComponent
            {
                Name = "validate",
                Definition = "http://hl7.org/fhir/OperationDefinition/Resource-validate",
                Documentation = "Checks a Consent (FHIR JSON or XML, bare or in Parameters.resource) against the registry profile, or another profile given as 'profile', without storing it; mode create, update or delete. Answers an OperationOutcome.",
            },
        ],
    };

    private static CapabilityStatement.ResourceComponent AuditEventResource() => new()
    {
        Type = "AuditEvent",
        Profile = "http://hl7.org/fhir/StructureDefinition/AuditEvent",
        Documentation = "Every read, search, history, decision and bulk check that touched a person, newest first; hash-chained and append-only.",
        Interaction = [Interaction("search-type", "patient is required.")],
        SearchParam =
        [
            new CapabilityStatement.SearchParamComponent { Name = "patient", Type = SearchParamType.Reference, Documentation = "The person's NHS number (bare or https://fhir.nhs.uk/Id/nhs-number|...)." },
            new CapabilityStatement.SearchParamComponent { Name = "_count", Type = SearchParamType.Number, Documentation = "Page size (default 50, at most 500)." },
        ],
    };

    private static CapabilityStatement.ResourceComponent SubscriptionResource() => new()
    {
        Type = "Subscription",
        Profile = "http://hl7.org/fhir/StructureDefinition/Subscription",
        Documentation = "rest-hook notifications of Consent changes (criteria Consent, with patient.identifier, policy and status), for client systems " +
            "holding system/Subscription.cruds and system/Consent.rs. Payload empty (POST) or application/fhir+json (PUT/DELETE {endpoint}/Consent/{id}); " +
            "in order per subscription, at least once (X-Subscription-Sequence), with a handshake on activation.",
        Interaction = [Interaction("create"), Interaction("read"), Interaction("update", "status 'requested' re-activates; 'off' pauses."), Interaction("delete"), Interaction("search-type")],
        SearchParam =
        [
            new CapabilityStatement.SearchParamComponent { Name = "status", Type = SearchParamType.Token, Documentation = "requested | active | error | off." },
            new CapabilityStatement.SearchParamComponent { Name = "url", Type = SearchParamType.Uri, Documentation = "The channel endpoint." },
            new CapabilityStatement.SearchParamComponent { Name = "criteria", Type = SearchParamType.String, Documentation = "Exact criteria." },
        ],
    };

    private static CapabilityStatement.ResourceComponent PatientResource() => new()
    {
        Type = "Patient",
        Profile = "http://hl7.org/fhir/StructureDefinition/Patient",
        Documentation = "The registrations feed (system/Patient.cru only): who is registered at which practice from when, as the national demographics " +
            "service gives it. generalPractitioner.identifier is the practice's ODS code with period.start the day the registration took effect and " +
            "period.end its last day (a removal); deceasedDateTime ends registration the day after. Rows are only added: a move is a later start. " +
            "The id of a Patient here is its NHS number; the answer is what the registry now holds.",
        Interaction =
        [
            Interaction("create", "A person new to the registry; 409 if already held, unless If-None-Exist: identifier=https://fhir.nhs.uk/Id/nhs-number|… names them (200, nothing changed)."),
            Interaction("update", "Conditional only: PUT /fhir/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|… records what the registry does not hold yet."),
            Interaction("read", "What is held, as a Patient."),
        ],
        ConditionalCreate = true,
        ConditionalUpdate = true,
    };

    private static readonly string[] ConformanceTypes = ["StructureDefinition", "ValueSet", "CodeSystem"];

    /// <summary>The registry's published profile, extension, ValueSets and CodeSystems: read and search, no writes.</summary>
    private static IEnumerable<CapabilityStatement.ResourceComponent> ConformanceResources() =>
        ConformanceTypes.Select(type => new CapabilityStatement.ResourceComponent
        {
            Type = type,
            Documentation = $"The registry's published {type} resources (read without a token).",
            Interaction = [Interaction("read"), Interaction("search-type")],
        });

    private static CapabilityStatement.ResourceInteractionComponent Interaction(string code, string? documentation = null) => new()
    {
        Code = Hl7.Fhir.Utility.EnumUtility.ParseLiteral<CapabilityStatement.TypeRestfulInteraction>(code),
        Documentation = documentation,
    };
}
