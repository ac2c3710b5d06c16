using BenchmarkDotNet.Attributes;
using ConsentApi.Consents;
using ConsentApi.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ConsentRegistry.Benchmarks;

/// <summary>
/// Finding a Consent's current version the way the API does (EF Core, newest version of an id), against a raw
/// primary-key query on the same SQLite database as the baseline. BENCH_DB names the database (bench/run.sh sets it).
/// </summary>
public class ConsentReadBenchmarks
{
    private SqliteConnection? _connection;
    private SqliteCommand? _byKey;
    private RegistryDbContext? _db;
    private (long Seq, string Id)[] _keys = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable("BENCH_DB")
            ?? throw new InvalidOperationException("Set BENCH_DB to a generated registry database (bench/run.sh does).");
        _connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        _connection.Open();
        using (var sample = _connection.CreateCommand())
        {
            sample.CommandText = "SELECT seq, resource_id FROM consent_versions WHERE version_id = 1 ORDER BY seq LIMIT 10000 OFFSET 1000";
            using var reader = sample.ExecuteReader();
            var keys = new List<(long, string)>();
            while (reader.Read())
            {
                keys.Add((reader.GetInt64(0), reader.GetString(1)));
            }

            _keys = [.. keys.OrderBy(k => k.Item2.GetHashCode(StringComparison.Ordinal))];
        }

        _byKey = _connection.CreateCommand();
        _byKey.CommandText = "SELECT resource_json FROM consent_versions WHERE seq = $seq";
        _byKey.Parameters.Add(new SqliteParameter("$seq", 0L));
        _db = new RegistryDbContext(new DbContextOptionsBuilder<RegistryDbContext>().UseSqlite($"Data Source={path};Mode=ReadOnly").Options);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _byKey?.Dispose();
        _connection?.Dispose();
        _db?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public object? RawPrimaryKeyQuery()
    {
        _byKey!.Parameters[0].Value = _keys[_next++ % _keys.Length].Seq;
        return _byKey.ExecuteScalar();
    }

    [Benchmark]
    public async Task<ConsentVersion?> CurrentVersionThroughEf() => await _db!.LatestAsync(_keys[_next++ % _keys.Length].Id, ConsentApi.Identity.PersonScope.Everyone, CancellationToken.None);
}
