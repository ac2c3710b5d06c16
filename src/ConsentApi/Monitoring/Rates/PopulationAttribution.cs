using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using ConsentApi.Decisions;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Monitoring.Rates;

/// <summary>
/// Where each person who has made a choice is registered, in memory, so rates can be worked out without joining
/// millions of choices to sixty million registrations in the database each day. Built by one pass over the
/// registrations (keeping only people with a choice), then kept up to date from rows added since (registrations are
/// append-only, so "since" is an id). Used by one rate run at a time (the job runner's lock).
/// </summary>
public sealed partial class PopulationAttribution(IServiceScopeFactory scopes, DecisionIndex index, ILogger<PopulationAttribution> logger) : IDisposable
{
    private const int LookupBatch = 500;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<long, PersonRegistrations> people = [];
    private readonly HashSet<long> unregistered = [];
    private readonly List<string> practiceCodes = [];
    private readonly Dictionary<string, int> practiceNumbers = new(StringComparer.Ordinal);
    private long watermark;

    public int People => people.Count;

    public string PracticeCode(int practice) => practiceCodes[practice];

    public bool TryGet(long nhsNumber, out PersonRegistrations registrations) => people.TryGetValue(nhsNumber, out registrations);

    /// <summary>People (among those held) with a registration that started in [from, to): they moved practice then.</summary>
    public IEnumerable<long> MovedWithin(long fromTicks, long toTicks) =>
        people.Where(p => p.Value.HasMoved && (Within(p.Value.Latest, fromTicks, toTicks) || p.Value.Earlier.Skip(1).Any(e => Within(e, fromTicks, toTicks))))
            .Select(p => p.Key);

    private static bool Within(Registration r, long fromTicks, long toTicks) => r.FromTicks >= fromTicks && r.FromTicks < toTicks;

    /// <summary>
    /// Brings the map up to date: new registration rows for people with a choice or in <paramref name="alsoWanted"/>,
    /// and a look-up for anyone wanted not yet held: everyone with a choice when <paramref name="everyoneInIndex"/>
    /// (a full count), otherwise only <paramref name="alsoWanted"/> (an incremental run's changed people).
    /// </summary>
    public async Task RefreshAsync(IReadOnlyCollection<long> alsoWanted, bool everyoneInIndex, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            var watch = Stopwatch.StartNew();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            await db.Database.OpenConnectionAsync(ct);
            var first = watermark == 0;
            var wanted = alsoWanted as IReadOnlySet<long> ?? alsoWanted.ToHashSet();
            var scanned = await ScanAsync(db.Database.GetDbConnection(), wanted, ct);
            var candidates = everyoneInIndex ? index.People().Select(p => p.Key).Concat(alsoWanted) : alsoWanted;
            var missing = candidates.Where(n => !people.ContainsKey(n) && !unregistered.Contains(n)).Distinct().ToList();
            await LookUpAsync(db.Database.GetDbConnection(), missing, ct);
            if (first || scanned > 0 || missing.Count > 0)
            {
                LogRefreshed(logger, people.Count, scanned, missing.Count, watch.Elapsed.TotalSeconds);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<long> ScanAsync(DbConnection connection, IReadOnlySet<long> wanted, CancellationToken ct)
    {
        await using var command = DbCommands.Create(connection, null,
            "SELECT id, nhs_number, practice_ods_code, sex, birth_year, registered_from_ticks FROM patient_registrations WHERE id > @p0 ORDER BY id", 1);

        // The first pass reads every registration (61 million for England): far past a command's default 30 s.
        command.CommandTimeout = (int)TimeSpan.FromHours(1).TotalSeconds;
        command.Parameters[0].Value = watermark;
        await using var reader = await command.ExecuteReaderAsync(ct);
        long rows = 0;
        while (await reader.ReadAsync(ct))
        {
            rows++;
            watermark = reader.GetInt64(0);
            var nhs = reader.GetInt64(1);
            if (people.ContainsKey(nhs) || wanted.Contains(nhs) || index.Get(nhs).Count > 0)
            {
                Add(nhs, Read(reader));
            }
        }

        return rows;
    }

    private async Task LookUpAsync(DbConnection connection, List<long> missing, CancellationToken ct)
    {
        foreach (var batch in missing.Chunk(LookupBatch))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT nhs_number, practice_ods_code, sex, birth_year, registered_from_ticks FROM patient_registrations WHERE id <= "
                + watermark.ToString(CultureInfo.InvariantCulture) + " AND nhs_number IN ("
                + string.Join(',', batch.Select(n => n.ToString(CultureInfo.InvariantCulture))) + ")";
            await using var reader = await command.ExecuteReaderAsync(ct);
            var found = new HashSet<long>();
            while (await reader.ReadAsync(ct))
            {
                var nhs = reader.GetInt64(0);
                found.Add(nhs);
                Add(nhs, new Registration(Practice(reader.GetString(1)), (short)reader.GetInt32(3), reader.GetString(2) == "F", reader.GetInt64(4)));
            }

            unregistered.UnionWith(batch.Where(n => !found.Contains(n)));
        }
    }

    private Registration Read(DbDataReader reader) =>
        new(Practice(reader.GetString(2)), (short)reader.GetInt32(4), reader.GetString(3) == "F", reader.GetInt64(5));

    private void Add(long nhs, Registration registration)
    {
        unregistered.Remove(nhs);
        people[nhs] = people.TryGetValue(nhs, out var existing) ? existing.With(registration) : new PersonRegistrations(registration, null);
    }

    /// <summary>The practice's number in this map; −1 for a row that ends registration (a death or removal).</summary>
    private int Practice(string code)
    {
        if (code.Length == 0)
        {
            return -1;
        }

        if (!practiceNumbers.TryGetValue(code, out var number))
        {
            number = practiceCodes.Count;
            practiceCodes.Add(code);
            practiceNumbers[code] = number;
        }

        return number;
    }

    public void Dispose() => gate.Dispose();

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Population attribution: {People} people held; {Scanned} new registration rows read, {LookedUp} people looked up, in {Seconds:F1} s")]
    private static partial void LogRefreshed(ILogger logger, int people, long scanned, int lookedUp, double seconds);
}
