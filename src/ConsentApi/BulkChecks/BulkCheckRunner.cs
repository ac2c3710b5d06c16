using System.Buffers.Binary;
using System.Security.Cryptography;
using ConsentApi.Audit;
using ConsentApi.Decisions;
using ConsentApi.Persistence;
using ConsentApi.Policies;
using ConsentApi.Register;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.BulkChecks;

/// <summary>
/// Decides every number of a spooled list and commits, in one transaction, what the check leaves behind: the
/// decisions in chunks (from which the background fan-out links each person to the audit), one audit record
/// covering everyone, and the register's counts. Only after that commit is anything streamed back.
/// </summary>
public sealed class BulkCheckRunner(RegistryDbContext db, DecisionIndex index, PolicyCatalogue catalogue, TimeProvider time, Operations.RegistryMetrics metrics)
{
    public const int ChunkSize = 65_536;

    /// <summary>Refuses (503) while the decision index is still being built after a start.</summary>
    public void RequireReady() => index.RequireReady();

    public async Task<BulkCheckResult> RunAsync(NumberSpool numbers, Disclosure disclosure, DecisionRequest request, AuditActor actor,
        IProgress<long>? progress, CancellationToken ct)
    {
        var decisions = new NumberSpool();
        try
        {
            return await RunAsync(numbers, decisions, disclosure, request, actor, progress, ct);
        }
        catch
        {
            await decisions.DisposeAsync();
            throw;
        }
    }

    private async Task<BulkCheckResult> RunAsync(NumberSpool numbers, NumberSpool decisions, Disclosure disclosure, DecisionRequest request,
        AuditActor actor, IProgress<long>? progress, CancellationToken ct)
    {
        var engine = new DecisionEngine(index, catalogue, request);
        var id = Guid.NewGuid().ToString();
        var policies = catalogue.Policies;
        var noChoice = Pack(0, engine.NoChoice, policies);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = new byte[ChunkSize * 8];
        var inChunk = 0;
        var chunkNo = 0;
        long done = 0, excluded = 0, overridden = 0;
        var raw = new byte[NumberSpoolBlockBytes];

        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        var connection = db.Database.GetDbConnection();
        await using var insertChunk = DbCommands.Create(connection, transaction.Transaction,
            "INSERT INTO bulk_check_chunks (bulk_check_id, chunk_no, numbers) VALUES (@p0, @p1, @p2)", 3);
        await foreach (var block in numbers.ReadAsync(ct))
        {
            // The digest is over the numbers as 8-byte little-endian values, in the order sent.
            AppendLittleEndian(hash, block.Span, raw);
            for (var i = 0; i < block.Length; i++)
            {
                var nhs = block.Span[i];
                var decision = engine.Decide(nhs);
                var packed = ReferenceEquals(decision, engine.NoChoice) ? noChoice | nhs : Pack(nhs, decision, policies);
                excluded += BulkFlags.IsDenied(packed) ? 1 : 0;
                overridden += BulkFlags.IsOverridden(packed) ? 1 : 0;
                await decisions.AddAsync(packed, ct);
                BinaryPrimitives.WriteInt64LittleEndian(chunk.AsSpan(inChunk * 8), packed);
                if (++inChunk == ChunkSize)
                {
                    await DbCommands.ExecuteAsync(insertChunk, ct, id, chunkNo++, chunk);
                    inChunk = 0;
                }
            }

            done += block.Length;
            progress?.Report(done);
        }

        if (inChunk > 0)
        {
            await DbCommands.ExecuteAsync(insertChunk, ct, id, chunkNo, chunk[..(inChunk * 8)]);
        }

        var digest = Convert.ToHexStringLower(hash.GetHashAndReset());
        var now = time.GetUtcNow();
        var auditSeq = await AuditAppender.AppendAsync(db, transaction.Transaction,
        [
            new AuditEntry("bulk-check", "E", actor, [], request.Purpose,
                $"Bulk opt-out check {id} for disclosure {disclosure.Id} to {disclosure.RecipientOds}: {done} checked, {excluded} excluded by objections, {overridden} objections overridden (numbers sha256 {digest}).")
            {
                PatientCount = done,
            },
        ], now, ct);
        db.BulkChecks.Add(new BulkCheck
        {
            Id = id,
            DisclosureId = disclosure.Id,
            RequestedTicks = now.UtcTicks,
            AgentId = actor.Id,
            AgentOrg = actor.Organisation,
            Purpose = request.Purpose,
            Checked = done,
            Excluded = excluded,
            Overridden = overridden,
            Invalid = 0,
            Outcome = "completed",
            NumbersSha256 = digest,
            AuditSeq = auditSeq,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        metrics.BulkChecked(done);
        metrics.Decided("bulk-check", permit: false, overridden: false, excluded);
        metrics.Decided("bulk-check", permit: true, overridden: true, overridden);
        metrics.Decided("bulk-check", permit: true, overridden: false, done - excluded - overridden);
        return new BulkCheckResult(id, done, excluded, overridden, decisions);
    }

    /// <summary>Records a check refused for invalid numbers: counted in the register, nothing else changed.</summary>
    public async Task RecordRejectedAsync(Disclosure disclosure, DecisionRequest request, AuditActor actor, NumberList list, CancellationToken ct)
    {
        db.BulkChecks.Add(new BulkCheck
        {
            Id = Guid.NewGuid().ToString(),
            DisclosureId = disclosure.Id,
            RequestedTicks = time.GetUtcNow().UtcTicks,
            AgentId = actor.Id,
            AgentOrg = actor.Organisation,
            Purpose = request.Purpose,
            Checked = 0,
            Invalid = list.InvalidCount,
            Outcome = "rejected",
        });
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private const int NumberSpoolBlockBytes = 1 << 16;

    private static void AppendLittleEndian(IncrementalHash hash, ReadOnlySpan<long> values, byte[] buffer)
    {
        for (var start = 0; start < values.Length; start += buffer.Length / 8)
        {
            var count = Math.Min(buffer.Length / 8, values.Length - start);
            for (var i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(i * 8), values[start + i]);
            }

            hash.AppendData(buffer, 0, count * 8);
        }
    }

    private static long Pack(long nhs, Decision d, IReadOnlyList<PolicyDefinition> policies) =>
        BulkFlags.Pack(nhs, d.Policy is null ? -1 : IndexOf(policies, d.Policy), !d.Permit, d.Exemption is not null, d.Basis is not null);

    private static int IndexOf(IReadOnlyList<PolicyDefinition> policies, PolicyDefinition policy)
    {
        for (var i = 0; i < policies.Count; i++)
        {
            if (ReferenceEquals(policies[i], policy))
            {
                return i;
            }
        }

        return -1;
    }
}
