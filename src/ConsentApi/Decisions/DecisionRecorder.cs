using ConsentApi.Audit;
using ConsentApi.Objections;
using ConsentApi.Persistence;

namespace ConsentApi.Decisions;

/// <summary>
/// What a decision request leaves behind: an objection-considered record for each objection a legal basis overrode
/// (saved before the answer), and exactly one audit record for the person however many purposes were asked about
/// (queued, committed within milliseconds). A singleton: the database is only touched, through a scope of its own,
/// when there is an override to record, so the usual decision costs no DbContext.
/// </summary>
public sealed class DecisionRecorder(IServiceScopeFactory scopes, AuditLog audit, TimeProvider time, Operations.RegistryMetrics metrics)
{
    public Task RecordAsync(string kind, long nhs, DecisionRequest request, Decision decision, AuditActor actor, CancellationToken ct) =>
        RecordAsync(kind, nhs, [(request, decision)], actor, ct);

    public async Task RecordAsync(string kind, long nhs, IReadOnlyList<(DecisionRequest Request, Decision Decision)> decisions, AuditActor actor,
        CancellationToken ct)
    {
        foreach (var (_, decision) in decisions)
        {
            metrics.Decided(kind, decision.Permit, decision.Overridden.Any());
        }

        var overridden = decisions.SelectMany(d => d.Decision.Overridden.Select(o => (d.Request, Outcome: o))).ToList();
        if (overridden.Count > 0)
        {
            var now = time.GetUtcNow();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            db.ObjectionConsiderations.AddRange(overridden.Select(x => Consideration.Create(nhs, x.Outcome.Basis, x.Outcome.Policy, x.Request.ActorOds,
                x.Request.Purpose, "overridden", x.Request.LegalBasis, $"Exemption under {x.Outcome.Policy.Title}", actor, kind, null, now)));
            await using var transaction = await WriteTransaction.BeginAsync(db, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        var purposes = string.Join(',', decisions.Select(d => d.Request.Purpose));
        var detail = string.Join("; ", decisions.Select(d => Describe(d.Request, d.Decision)));
        await audit.EnqueueAsync(new AuditEntry(kind, "E", actor, [nhs], purposes, detail), ct);
    }

    private static string Describe(DecisionRequest request, Decision decision) =>
        $"{(decision.Permit ? "permit" : "deny")} {request.PurposeCode} for {request.ActorOds}"
        + (decision.Policy is null ? string.Empty : $" under {decision.Policy.Id}")
        + (decision.Exemption is null ? string.Empty : $" (exemption: {decision.Exemption.Code})");
}
