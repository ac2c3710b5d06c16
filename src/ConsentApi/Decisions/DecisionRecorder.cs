using ConsentApi.Audit;
using ConsentApi.Objections;
using ConsentApi.Persistence;

namespace ConsentApi.Decisions;

/// <summary>
/// What every single decision leaves behind before it is answered: an objection-considered record for each objection a
/// legal basis overrode, and one audit record for the person. A singleton: the database is only touched (through a
/// scope of its own) when there is an override to record, so the usual decision costs no DbContext.
/// </summary>
public sealed class DecisionRecorder(IServiceScopeFactory scopes, AuditLog audit, TimeProvider time)
{
    public async Task RecordAsync(string kind, long nhs, DecisionRequest request, Decision decision, AuditActor actor, CancellationToken ct)
    {
        var purpose = $"{request.PurposeSystem}|{request.PurposeCode}";
        var overridden = decision.Overridden.ToList();
        if (overridden.Count > 0)
        {
            var now = time.GetUtcNow();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            db.ObjectionConsiderations.AddRange(overridden.Select(o => Consideration.Create(nhs, o.Basis, o.Policy, request.ActorOds, purpose,
                "overridden", request.LegalBasis, $"Exemption under {o.Policy.Title}", actor, "evaluate", null, now)));
            await using var transaction = await WriteTransaction.BeginAsync(db, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        var detail = $"{(decision.Permit ? "permit" : "deny")} for {request.ActorOds}"
            + (decision.Policy is null ? string.Empty : $" under {decision.Policy.Id}")
            + (decision.Exemption is null ? string.Empty : $" (exemption: {decision.Exemption.Code})");
        await audit.EnqueueAsync(new AuditEntry(kind, "E", actor, [nhs], purpose, detail), ct);
    }
}
