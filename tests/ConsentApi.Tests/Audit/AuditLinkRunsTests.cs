using System.Globalization;
using ConsentApi.Audit;
using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using FhirAdapters.Tests.Builders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Audit;

/// <summary>
/// The SQLite person index kept as sorted runs: sealing the tail, merging a level in steps and deleting merged runs,
/// with tiny thresholds so a few hundred links go through every stage. After every step each person's search finds
/// exactly their records, newest first.
/// </summary>
public sealed class AuditLinkRunsTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private static readonly AuditActor Actor = new("client", "runs-test", "X26", null);

    [Fact]
    public async Task Step_WhenLinksPassThroughEverySealMergeAndDelete_ThenEverySearchFindsEachRecordOnceAfterEachStep()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        await db.Database.OpenConnectionAsync();
        var people = Enumerable.Range(0, 7).Select(_ => long.Parse(TestNhsNumbers.Next(), CultureInfo.InvariantCulture)).ToList();
        var expected = people.ToDictionary(p => p, _ => new List<long>());
        var runs = new AuditLinkRuns(tailRows: 8, fanIn: 2, stepRows: 4);
        var random = new Random(12);
        var steps = 0;

        for (var batch = 0; batch < 12; batch++)
        {
            // Some batches touch one person several times, and one record may touch two people.
            var entries = Enumerable.Range(0, 5).Select(i => i == 0
                    ? new AuditEntry("read", "R", Actor, [people[0], people[1]], "HRESCH", null)
                    : new AuditEntry("read", "R", Actor, [people[random.Next(people.Count)]], "HRESCH", null))
                .ToList();
            long first;
            await using (var transaction = await WriteTransaction.BeginAsync(db, CancellationToken.None))
            {
                first = await AuditAppender.AppendAsync(db, transaction.Transaction, entries, DateTimeOffset.UtcNow, CancellationToken.None);
                await transaction.CommitAsync(CancellationToken.None);
            }

            for (var i = 0; i < entries.Count; i++)
            {
                foreach (var nhs in entries[i].Patients)
                {
                    expected[nhs].Add(first + i);
                }
            }

            runs.Added(entries.Sum(e => e.Patients.Count));
            while (await runs.StepAsync(db, CancellationToken.None))
            {
                steps++;
                await AssertEverySearchAsync(db, expected);
            }
        }

        var states = await StatesAsync(db);
        Assert.True(steps > 20, $"only {steps} steps");
        Assert.Contains(states, s => s.Level >= 2 && s.State == "live"); // merged twice over
        Assert.DoesNotContain(states, s => s.State != "live"); // nothing left building, merging or dead
        var mine = string.Join(", ", people);
        Assert.Equal(expected.Values.Sum(v => v.Count), await CountAsync(db, $"SELECT count(*) FROM audit_link_tail WHERE nhs_number IN ({mine})")
            + await CountAsync(db, $"SELECT count(*) FROM audit_link_runs WHERE nhs_number IN ({mine})")); // merged runs' copies are gone
    }

    [Fact]
    public async Task Search_WhenAskedForAPageBeforeASequence_ThenItReadsTheTailAndTheRunsTogetherNewestFirst()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        await db.Database.OpenConnectionAsync();
        var nhs = long.Parse(TestNhsNumbers.Next(), CultureInfo.InvariantCulture);
        var runs = new AuditLinkRuns(tailRows: 4, fanIn: 2, stepRows: 4);
        var seqs = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            await using (var transaction = await WriteTransaction.BeginAsync(db, CancellationToken.None))
            {
                seqs.Add(await AuditAppender.AppendAsync(db, transaction.Transaction, [new AuditEntry("read", "R", Actor, [nhs], null, null)],
                    DateTimeOffset.UtcNow, CancellationToken.None));
                await transaction.CommitAsync(CancellationToken.None);
            }

            runs.Added(1);
            while (await runs.StepAsync(db, CancellationToken.None))
            {
            }
        }

        // Four links were sealed into a run and two are still in the tail.
        Assert.Equal(2, await CountAsync(db, $"SELECT count(*) FROM audit_link_tail WHERE nhs_number = {nhs}"));
        Assert.Equal([seqs[4], seqs[3], seqs[2]], await AuditPersonIndex.SeqsAsync(db, nhs, seqs[5], 3, CancellationToken.None));
    }

    private static async Task AssertEverySearchAsync(RegistryDbContext db, Dictionary<long, List<long>> expected)
    {
        foreach (var (nhs, seqs) in expected)
        {
            Assert.Equal(Enumerable.Reverse(seqs).ToList(), await AuditPersonIndex.SeqsAsync(db, nhs, long.MaxValue, 1000, CancellationToken.None));
        }
    }

    private static async Task<List<(long Level, string State)>> StatesAsync(RegistryDbContext db)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT level, state FROM audit_link_run_list";
        await using var reader = await command.ExecuteReaderAsync();
        var states = new List<(long, string)>();
        while (await reader.ReadAsync())
        {
            states.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return states;
    }

    private static async Task<long> CountAsync(RegistryDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
