using ConsentApi.Audit;
using ConsentApi.Objections;
using ConsentApi.Persistence;

namespace ConsentApi.Decisions;

/// <summary>
/// What every single decision leaves behind before it is answered: an objection-considered record for each objection a
/// legal basis overrode, and one audit record for the person.
/// </summary>
public sealed class DecisionRecorder(RegistryDbContext db, AuditLog audit, TimeProvider time)
{
    public async Task RecordAsync(string kind, long nhs, DecisionRequest request, Decision decision, AuditActor actor, CancellationToken ct)
    {
        var purpose = $"{request.PurposeSystem}|{request.PurposeCode}";
        var overridden = decision.Overridden.ToList();
        if (overridden.Count > 0)
        {
            var now = time.GetUtcNow();
            db.ObjectionConsiderations.AddRange(overridden.Select(o => Consideration.Create(nhs, o.Basis, o.Policy, request.ActorOds, purpose,
                "overridden", request.LegalBasis, $"Exemption under {o.Policy.Title}", actor, "evaluate", null, now)));
            await db.SaveChangesAsync(ct);
        }

        var detail = $"{(decision.Permit ? "permit" : "deny")} for {request.ActorOds}"
            + (decision.Policy is null ? string.Empty : $" under {decision.Policy.Id}")
            + (decision.Exemption is null ? string.Empty : $" (exemption: {decision.Exemption.Code})");
        await audit.RecordAsync(new AuditEntry(kind, "E", actor, [nhs], purpose, detail), ct);
    }
}
