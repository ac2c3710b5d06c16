using System.Globalization;
using Hl7.Fhir.Model;
using FhirAdapters.Primitives;

namespace ConsentApi.Audit;

/// <summary>Renders a stored audit record as a FHIR AuditEvent, for the person it is being shown to.</summary>
public static class AuditEventMapper
{
    public const string ClientSystem = "https://consentregistry.example/Id/client";
    private const string Dicom = "http://dicom.nema.org/resources/ontology/DCM";

    /// <summary>Kinds whose note the registry writes about the one person alone (a decision, a change, an account).</summary>
    private static readonly HashSet<string> PersonalNotes = new(StringComparer.Ordinal) { "evaluate", "cds", "create", "update", "delete", "account", "registration" };

    /// <summary>
    /// The record as an AuditEvent. <paramref name="forThePerson"/>: shown to the person it is about (a patient's or
    /// proxy's token), it names nobody else: the structured fields (who, organisation, purpose, kind, how many people)
    /// and only notes the registry writes about that one person; the raw request (a search's query string can name
    /// other people and their Consents) is for staff and systems with the audit scope.
    /// </summary>
    public static AuditEvent ToFhir(AuditRecord r, long? viewerNhsNumber, bool forThePerson)
    {
        List<CodeableConcept>? purposes = r.Purpose is null ? null
            : [.. r.Purpose.Split(',').Select(p => p.Split('|', 2)).Where(p => p.Length == 2).Select(p => new CodeableConcept(p[0], p[1]))];
        var agents = new List<AuditEvent.AgentComponent>
        {
            new()
            {
                Type = r.AgentType is "client" or "anonymous" or "system"
                    ? new CodeableConcept(Dicom, "110150", "Application")
                    : new CodeableConcept("http://terminology.hl7.org/CodeSystem/extra-security-role-type", "humanuser", "human user"),
                Role = [new CodeableConcept("https://consentregistry.example/CodeSystem/actor-type", r.AgentType)],
                Who = r.AgentType is "patient" or "proxy"
                    ? FhirReferences.ToIdentifier("Patient", NhsNumber.System, r.AgentId, r.AgentName)
                    : FhirReferences.ToIdentifier(r.AgentType is "client" or "system" ? "Device" : "Person", ClientSystem, r.AgentId, r.AgentName),
                Name = r.AgentName,
                Requestor = true,
                PurposeOfUse = purposes,
            },
        };
        if (r.AgentOrg is { } ods)
        {
            agents.Add(new AuditEvent.AgentComponent { Who = FhirReferences.ToIdentifier("Organization", OdsCode.System, ods), Requestor = false });
        }

        var nhs = r.PatientNhsNumber ?? viewerNhsNumber?.ToString("D10", CultureInfo.InvariantCulture);
        return new AuditEvent
        {
            Id = r.Seq.ToString(CultureInfo.InvariantCulture),
            Type = new Coding(Dicom, "110110", "Patient Record"),
            Subtype = [new Coding("https://consentregistry.example/CodeSystem/access-kind", r.Kind)],
            Action = Hl7.Fhir.Utility.EnumUtility.ParseLiteral<AuditEvent.AuditEventAction>(r.Action),
            RecordedElement = FhirInstant.Element(new DateTimeOffset(r.RecordedTicks, TimeSpan.Zero)),
            Outcome = Hl7.Fhir.Utility.EnumUtility.ParseLiteral<AuditEvent.AuditEventOutcome>(r.Outcome),
            PurposeOfEvent = purposes,
            Agent = agents,
            Source = new AuditEvent.SourceComponent { Site = "ConsentRegistry", Observer = new ResourceReference { Display = "ConsentRegistry" } },
            Entity =
            [
                new AuditEvent.EntityComponent
                {
                    What = nhs is null ? null : FhirReferences.ToIdentifier("Patient", NhsNumber.System, nhs),
                    Type = new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"),
                    Role = new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"),
                    Description = Description(r, forThePerson),
                },
            ],
        };
    }

    private static string? Description(AuditRecord r, bool forThePerson)
    {
        var covered = r.PatientCount > 1 ? $"One of {r.PatientCount.ToString("N0", CultureInfo.InvariantCulture)} people covered by this access." : null;
        var note = !forThePerson ? r.Detail
            : r.Kind == "bulk-check" ? r.Detail // the registry's words: a count, the disclosure, a digest of the list; nobody named
            : r.PatientCount <= 1 && PersonalNotes.Contains(r.Kind) ? r.Detail
            : null;
        return covered is null ? note : note is null ? covered : $"{covered} {note}";
    }
}
