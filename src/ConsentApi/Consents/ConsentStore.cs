using System.Data.Common;
using System.Globalization;
using ConsentApi.Audit;
using ConsentApi.Consents.Search;
using ConsentApi.Fhir;
using ConsentApi.Identity;
using ConsentApi.Persistence;
using Hl7.Fhir.Model;
using FhirAdapters.Primitives;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Consents;

/// <summary>
/// Writes Consent versions. Each write runs in a transaction (<see cref="GroupCommit"/>: perhaps shared with writes
/// that arrived at the same moment, under a savepoint of its own): the checks (version match, conditional create, one
/// Consent per patient and policy) and the insert of the new version with its audit record either all happen or none
/// do, and the writer is answered only once they are committed. Nothing is ever updated in place.
/// </summary>
public sealed class ConsentStore(RegistryDbContext requestDb, TimeProvider time, GroupCommit commits)
{
    private static readonly string[] BlockingStatuses = ["draft", "proposed", "active", "inactive"];
    internal const int SqliteUniqueViolation = 2067; // SQLITE_CONSTRAINT_UNIQUE
    private static readonly string BlockingStatusList = string.Join(", ", BlockingStatuses.Select(s => $"'{s}'"));

    /// <summary>
    /// Records a new Consent; the actor (client, patient or seed) goes into the audit in the same transaction. An
    /// If-None-Exist <paramref name="condition"/> is matched only among the Consents <paramref name="scope"/> lets the
    /// caller see, so a match can never return, name or count another person's Consent.
    /// </summary>
    public Task<WriteResult> CreateAsync(Consent consent, SearchRequest? condition, PersonScope scope, AuditActor actor, CancellationToken ct) =>
        commits.RunAsync(requestDb, [.. PatientLock(consent), .. ConditionLock(condition)], (db, token) => CreateCoreAsync(db, consent, condition, scope, actor, token), ct);

    public Task<WriteResult> UpdateAsync(string id, Consent consent, int? ifMatch, AuditActor actor, CancellationToken ct) =>
        commits.RunAsync(requestDb, [.. PatientLock(consent), ResourceLock(id)], (db, token) => UpdateCoreAsync(db, id, consent, ifMatch, actor, token), ct);

    public Task<WriteResult> DeleteAsync(string id, int? ifMatch, AuditActor actor, CancellationToken ct) =>
        commits.RunAsync(requestDb, [ResourceLock(id)], (db, token) => DeleteCoreAsync(db, id, ifMatch, actor, token), ct);

    private async Task<WriteResult> CreateCoreAsync(RegistryDbContext db, Consent consent, SearchRequest? condition, PersonScope scope, AuditActor actor, CancellationToken ct)
    {
        if (condition is not null)
        {
            condition.Count = 2;
            var matches = await db.SearchAsync(condition, scope, ct);
            if (matches.Items.Count == 1)
            {
                return new WriteResult(matches.Items[0], WriteKind.ExistingMatched);
            }

            if (matches.Items.Count > 1)
            {
                throw new FhirErrorException(StatusCodes.Status412PreconditionFailed, "duplicate",
                    "If-None-Exist matched more than one Consent, so nothing was created; make the criteria specific (e.g. identifier=system|value).");
            }
        }

        ConsentProvenance.Stamp(consent, actor);
        var version = ConsentVersion.From(consent, Guid.NewGuid().ToString(), 1, "POST", Now());
        await SaveAsync(db, version, DuplicateGuard(version, selfId: null), ct);
        return new WriteResult(version, WriteKind.Created) { Audit = Written("create", "C", actor, version, version.PatientNhsNumber) };
    }

    private async Task<WriteResult> UpdateCoreAsync(RegistryDbContext db, string id, Consent consent, int? ifMatch, AuditActor actor, CancellationToken ct)
    {
        var current = await db.LatestAsync(id, PersonScope.Everyone, ct) ?? throw NotFound(id); // the caller was checked by the handler
        CheckVersion(id, current, ifMatch);
        ConsentProvenance.Stamp(consent, actor);
        var version = ConsentVersion.From(consent, id, current.VersionId + 1, "PUT", Now());
        await SaveAsync(db, version, DuplicateGuard(version, id), ct);
        return new WriteResult(version, WriteKind.Updated) { Audit = Written("update", "U", actor, version, version.PatientNhsNumber, current.PatientNhsNumber) };
    }

    private async Task<WriteResult> DeleteCoreAsync(RegistryDbContext db, string id, int? ifMatch, AuditActor actor, CancellationToken ct)
    {
        var current = await db.LatestAsync(id, PersonScope.Everyone, ct) ?? throw NotFound(id); // the caller was checked by the handler
        CheckVersion(id, current, ifMatch);
        if (current.IsDeleted)
        {
            return new WriteResult(current, WriteKind.AlreadyDeleted);
        }

        var tombstone = new ConsentVersion
        {
            ResourceId = id,
            VersionId = current.VersionId + 1,
            IsDeleted = true,
            Method = "DELETE",
            LastUpdatedTicks = Now().UtcTicks,
        };
        await SaveAsync(db, tombstone, guard: null, ct);
        return new WriteResult(tombstone, WriteKind.Deleted) { Audit = Written("delete", "D", actor, tombstone, current.PatientNhsNumber) };
    }

    /// <summary>
    /// Saves the version in the write's transaction unless <paramref name="guard"/> finds the person's Consent under the
    /// same policy; <see cref="GroupCommit"/> appends the write's audit record to the same transaction and commits both.
    /// </summary>
    private static async Task SaveAsync(RegistryDbContext db, ConsentVersion version, VersionGuard? guard, CancellationToken ct)
    {
        string? existing;
        try
        {
            existing = await ConsentVersionRows.InsertAsync(db, version, guard, ct);
        }
        catch (DbException ex) when (ex is SqliteException { SqliteExtendedErrorCode: SqliteUniqueViolation } or Npgsql.PostgresException { SqlState: "23505" })
        {
            // The unique index on (resource_id, version_id): the last guard should two writers ever pass the checks together.
            // Only a unique violation: any other constraint failing is the registry's fault, not a concurrent change.
            throw new FhirErrorException(StatusCodes.Status409Conflict, "conflict",
                $"Another change to Consent/{version.ResourceId} was saved at the same moment, so this one was not. Read the Consent again and retry. ({ex.Message})");
        }

        if (existing is not null)
        {
            throw new FhirErrorException(StatusCodes.Status422UnprocessableEntity, "duplicate",
                $"DUPLICATE_REJECTED: patient {version.PatientNhsNumber} already has Consent/{existing} under the same policy. A person has one Consent per policy: change it with PUT Consent/{existing} instead of creating another.",
                "Consent.policy");
        }
    }

    /// <summary>The audit record of a write: who, which version, and every person it touched (an update may move a Consent).</summary>
    private static AuditEntry Written(string kind, string action, AuditActor actor, ConsentVersion version, params string?[] nhsNumbers) =>
        new(kind, action, actor, [.. nhsNumbers.Select(n => n is not null && NhsNumber.TryParse(n, out var nhs) ? nhs : 0).Where(n => n != 0).Distinct()],
            null, $"Consent/{version.ResourceId}/_history/{version.VersionId}");

    /// <summary>
    /// A person has one Consent per policy: a second one for the same policy is refused (as NDOP's DUPLICATE_REJECTED).
    /// The query for the Consent that would be a second, or null when the rule does not apply to this version.
    /// </summary>
    private static VersionGuard? DuplicateGuard(ConsentVersion version, string? selfId)
    {
        var keys = version.Tokens.Where(t => t.Param == "policy").ToList();
        var nhs = version.PatientNhsNumber;
        if (nhs is null || keys.Count == 0 || !BlockingStatuses.Contains(version.Status))
        {
            return null;
        }

        // One plain statement, not LINQ: it runs inside the write's transaction, where every writer waits its turn, and
        // EF's translation of the expression cost more than the query (decision 22). Driven by the patient index; the
        // policy check is a per-row EXISTS (an IN list would gather every version under the policy first: millions at
        // England scale).
        var sql = new System.Text.StringBuilder(
            "SELECT v.resource_id FROM consent_versions v WHERE v.patient_nhs_number = @p0 AND NOT v.is_deleted "
            + $"AND v.status IN ({BlockingStatusList}) AND v.resource_id <> @p1 "
            + "AND NOT EXISTS (SELECT 1 FROM consent_versions w WHERE w.resource_id = v.resource_id AND w.seq > v.seq) "
            + "AND EXISTS (SELECT 1 FROM consent_search_tokens t WHERE t.version_seq = v.seq AND t.param = 'policy' AND (");
        var values = new List<object?> { nhs, selfId ?? string.Empty };
        for (var i = 0; i < keys.Count; i++)
        {
            var code = "@p" + values.Count.ToString(CultureInfo.InvariantCulture);
            values.Add(keys[i].Code);
            var system = keys[i].System is null ? "t.system IS NULL" : "t.system = @p" + values.Count.ToString(CultureInfo.InvariantCulture);
            if (keys[i].System is { } known)
            {
                values.Add(known);
            }

            sql.Append(i == 0 ? "" : " OR ").Append("(t.code = ").Append(code).Append(" AND ").Append(system).Append(')');
        }

        sql.Append(")) LIMIT 1");
        return new VersionGuard(sql.ToString(), values);
    }

    private static string ResourceLock(string id) => "consent:" + id;

    private static IEnumerable<string> PatientLock(Consent consent) =>
        consent.Patient?.Identifier is { System: NhsNumber.System, Value: { } nhs } ? ["consent-patient:" + nhs] : [];

    private static IEnumerable<string> ConditionLock(SearchRequest? condition) =>
        condition is null ? [] : ["consent-condition:" + string.Join('&', condition.Applied.Select(p => p.Key + "=" + p.Value))];

    private static void CheckVersion(string id, ConsentVersion current, int? ifMatch)
    {
        if (ifMatch is { } expected && expected != current.VersionId)
        {
            throw new FhirErrorException(StatusCodes.Status412PreconditionFailed, "conflict",
                $"Consent/{id} is at version {current.VersionId}, not {expected} (If-Match). Someone else changed it: read it again and reapply your change.");
        }
    }

    private static FhirErrorException NotFound(string id) => new(StatusCodes.Status404NotFound, "not-found",
        $"Consent/{id} is not known to this registry. To record a new Consent, POST it to Consent (the registry assigns the id).");

    private DateTimeOffset Now() => WriteClock.Now(time);
}
