using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Audit;

/// <summary>Walks the audit chain from the first record and reports the first one whose hash or link does not hold.</summary>
public static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(RegistryDbContext db, CancellationToken ct)
    {
        var previous = AuditChain.Genesis;
        var expectedSeq = 1L;
        long count = 0;
        await foreach (var record in db.AuditRecords.AsNoTracking().OrderBy(r => r.Seq).AsAsyncEnumerable().WithCancellation(ct))
        {
            string? problem = null;
            if (record.Seq != expectedSeq)
            {
                problem = $"record {expectedSeq} is missing (the next one is {record.Seq})";
            }
            else if (record.PrevHash != previous)
            {
                problem = $"record {record.Seq} does not link to the record before it (prev_hash differs)";
            }
            else if (AuditChain.Hash(record) != record.Hash)
            {
                problem = $"record {record.Seq} was changed after it was written (its hash does not match its content)";
            }

            if (problem is not null)
            {
                return new AuditVerification(false, count, record.Seq, problem);
            }

            previous = record.Hash;
            expectedSeq++;
            count++;
        }

        return new AuditVerification(true, count, null, null);
    }
}
