using System.Linq.Expressions;
using ConsentApi.Audit;
using ConsentApi.Consents.Search;
using ConsentApi.Fhir;
using ConsentApi.Identity;
using ConsentApi.Persistence;
using Hl7.Fhir.Model;
using FhirAdapters.Primitives;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Consents;

/// <summary>
/// Writes Consent versions. Each write is one transaction (on SQLite a BEGIN IMMEDIATE, so writers queue rather
/// than interleave): the checks (version match, conditional create, one Consent per patient and policy) and the
/// insert of the new version either all happen or none do. Nothing is ever updated in place.
/// </summary>
public sealed class ConsentStore(RegistryDbContext db, TimeProvider time, Decisions.DecisionIndexSync decisions, ConsentWrites writes)
{
    private static readonly string[] BlockingStatuses = ["draft", "proposed", "active", "inactive"];

    /// <summary>
    /// Records a new Consent; the actor (client, patient or seed) goes into the audit in the same transaction. An
    /// If-None-Exist <paramref name="condition"/> is matched only among the Consents <paramref name="scope"/> lets the
    /// caller see, so a match can never return, name or count another person's Consent.
    /// </summary>
    public Task<WriteResult> CreateAsync(Consent consent, SearchRequest? condition, PersonScope scope, AuditActor actor, CancellationToken ct) =>
        ThenFollowAsync(CreateCoreAsync(consent, condition, scope, actor, ct), ct);

    public Task<WriteResult> UpdateAsync(string id, Consent consent, int? ifMatch, AuditActor actor, CancellationToken ct) =>
        ThenFollowAsync(UpdateCoreAsync(id, consent, ifMatch, actor, ct), ct);

    public Task<WriteResult> DeleteAsync(string id, int? ifMatch, AuditActor actor, CancellationToken ct) =>
        ThenFollowAsync(DeleteCoreAsync(id, ifMatch, actor, ct), ct);

    /// <summary>
    /// Once a write is committed and its transaction (with SQLite's writer gate) released, the decision index reads it,
    /// so the next decision on this node sees it, and subscription delivery is woken.
    /// </summary>
    private async Task<WriteResult> ThenFollowAsync(Task<WriteResult> write, CancellationToken ct)
    {
        var result = await write;
        if (result.Kind is WriteKind.Created or WriteKind.Updated or WriteKind.Deleted)
        {
            writes.Committed();
            await decisions.AfterWriteAsync(ct);
        }

        return result;
    }

    private async Task<WriteResult> CreateCoreAsync(Consent consent, SearchRequest? condition, PersonScope scope, AuditActor actor, CancellationToken ct)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await db.AcquireAsync(PatientLock(consent).Concat(ConditionLock(condition)), ct);
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
        await RejectDuplicateAsync(version, selfId: null, ct);
        await SaveAsync(version, transaction, Written("create", "C", actor, version, version.PatientNhsNumber), ct);
        return new WriteResult(version, WriteKind.Created);
    }

    private async Task<WriteResult> UpdateCoreAsync(string id, Consent consent, int? ifMatch, AuditActor actor, CancellationToken ct)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await db.AcquireAsync(PatientLock(consent).Append(ResourceLock(id)), ct);
        var current = await db.LatestAsync(id, PersonScope.Everyone, ct) ?? throw NotFound(id); // the caller was checked by the handler
        CheckVersion(id, current, ifMatch);
        ConsentProvenance.Stamp(consent, actor);
        var version = ConsentVersion.From(consent, id, current.VersionId + 1, "PUT", Now());
        await RejectDuplicateAsync(version, id, ct);
        await SaveAsync(version, transaction, Written("update", "U", actor, version, version.PatientNhsNumber, current.PatientNhsNumber), ct);
        return new WriteResult(version, WriteKind.Updated);
    }

    private async Task<WriteResult> DeleteCoreAsync(string id, int? ifMatch, AuditActor actor, CancellationToken ct)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await db.AcquireAsync([ResourceLock(id)], ct);
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
        await SaveAsync(tombstone, transaction, Written("delete", "D", actor, tombstone, current.PatientNhsNumber), ct);
        return new WriteResult(tombstone, WriteKind.Deleted);
    }

    /// <summary>Saves the version and its audit record, and commits both or neither.</summary>
    private async Task SaveAsync(ConsentVersion version, WriteTransaction transaction, AuditEntry audit, CancellationToken ct)
    {
        db.ConsentVersions.Add(version);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            throw new FhirErrorException(StatusCodes.Status409Conflict, "conflict",
                $"Another change to Consent/{version.ResourceId} was saved at the same moment, so this one was not. Read the Consent again and retry. ({ex.InnerException?.Message ?? ex.Message})");
        }

        await AuditAppender.AppendAsync(db, transaction.Transaction, [audit], Now(), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The audit record of a write: who, which version, and every person it touched (an update may move a Consent).</summary>
    private static AuditEntry Written(string kind, string action, AuditActor actor, ConsentVersion version, params string?[] nhsNumbers) =>
        new(kind, action, actor, [.. nhsNumbers.Select(n => n is not null && NhsNumber.TryParse(n, out var nhs) ? nhs : 0).Where(n => n != 0).Distinct()],
            null, $"Consent/{version.ResourceId}/_history/{version.VersionId}");

    /// <summary>A person has one Consent per policy: a second one for the same policy is refused (as NDOP's DUPLICATE_REJECTED).</summary>
    private async Task RejectDuplicateAsync(ConsentVersion version, string? selfId, CancellationToken ct)
    {
        var keys = version.Tokens.Where(t => t.Param == "policy").ToList();
        var nhs = version.PatientNhsNumber;
        if (nhs is null || keys.Count == 0 || !BlockingStatuses.Contains(version.Status))
        {
            return;
        }

        // Driven by the patient index; the policy check is a per-row EXISTS (an IN list would gather every
        // version under the policy first: millions at England scale).
        var samePolicy = Predicates.AnyToken(Predicates.Or(keys.Select(Key).ToList()));
        var existing = await db.Current(long.MaxValue)
            .Where(v => v.PatientNhsNumber == nhs && v.ResourceId != selfId && BlockingStatuses.Contains(v.Status))
            .Where(samePolicy)
            .Select(v => v.ResourceId)
            .FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            throw new FhirErrorException(StatusCodes.Status422UnprocessableEntity, "duplicate",
                $"DUPLICATE_REJECTED: patient {nhs} already has Consent/{existing} under the same policy. A person has one Consent per policy: change it with PUT Consent/{existing} instead of creating another.",
                "Consent.policy");
        }
    }

    private static Expression<Func<ConsentSearchToken, bool>> Key(ConsentSearchToken key)
    {
        var system = key.System;
        var code = key.Code;
        return t => t.Param == "policy" && t.System == system && t.Code == code;
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

    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMillisecond));
    }
}
