using System.Globalization;
using ConsentApi.Audit;
using ConsentApi.Policies;

namespace ConsentApi.Objections;

/// <summary>Builds objection-considered records, for decisions, bulk checks and organisations' own reports alike.</summary>
public static class Consideration
{
    public static ObjectionConsideration Create(long nhs, Decisions.Choice? objection, PolicyDefinition policy, string recipient, string purpose,
        string outcome, string? legalBasis, string? criterion, AuditActor actor, string source, string? bulkCheckId, DateTimeOffset now) => new()
        {
            RecordedTicks = now.UtcTicks,
            PatientNhsNumber = nhs.ToString("D10", CultureInfo.InvariantCulture),
            ConsentId = objection?.ResourceId,
            ConsentVersion = objection?.VersionId,
            PolicyUri = policy.Uri,
            RecipientOds = recipient,
            Purpose = purpose,
            Outcome = outcome,
            LegalBasis = legalBasis,
            Criterion = criterion,
            DecidedBy = actor.Id,
            DecidedByOrg = actor.Organisation,
            Source = source,
            BulkCheckId = bulkCheckId,
        };
}
