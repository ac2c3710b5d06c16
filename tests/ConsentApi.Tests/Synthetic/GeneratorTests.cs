using System.Globalization;
using ConsentApi.Persistence;
using ConsentApi.Synthetic;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using Hl7.Fhir.Model;
using FhirAdapters.Primitives;
using FhirAdapters.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsentApi.Tests.Synthetic;

public abstract class GeneratorTests(ApiFactory api) : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "consent-registry-generator", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    private async Task<(GenerationSummary Summary, RegistryDbContext Db)> GenerateAsync(string database, params string[] args)
    {
        var db = api.CreateExtraDatabase(database);
        await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        var options = GenerateOptions.Parse([.. args, "--out", Path.Combine(_output, database)]);
        var connectionString = db.Database.GetConnectionString()!;
        await using IPopulationLoader loader = db.Database.IsNpgsql()
            ? new PostgresPopulationLoader(connectionString)
            : new SqlitePopulationLoader(connectionString);
        var summary = await new PopulationGenerator(options, loader).RunAsync(CancellationToken.None);
        return (summary, db);
    }

    [Fact]
    public async Task Run_WhenSmallScale_ThenPopulationFollowsThePublishedShape()
    {
        var (summary, db) = await GenerateAsync("shape", "--scale", "0.002");
        await using var _ = db;

        var registrations = await db.PatientRegistrations.LongCountAsync();
        var csvTotal = File.ReadLines(Path.Combine(_output, "shape", ListSizeCsvWriter.TotalsFile)).Skip(1)
            .Sum(line => long.Parse(line.Split(',')[^1], CultureInfo.InvariantCulture));
        var optOutRate = (double)summary.NationalOptOuts / summary.Patients;
        var typeOneRate = (double)summary.TypeOneObjections / summary.Patients;

        Assert.Equal(12, summary.Practices);
        Assert.Equal(12, await db.Practices.CountAsync());
        Assert.Equal(summary.Patients, registrations);
        Assert.Equal(summary.Patients, csvTotal);
        Assert.InRange(summary.Patients / 12.0, 5_000, 16_000);
        Assert.InRange(optOutRate, 0.03, 0.075);
        Assert.InRange(typeOneRate, 0.015, 0.05);
        Assert.Equal(summary.ConsentVersions, await db.ConsentVersions.LongCountAsync());
    }

    [Fact]
    public async Task Run_WhenLoaded_ThenConsentsAreValidAndSearchable()
    {
        var (_, db) = await GenerateAsync("valid", "--scale", "0.001");
        await using var __ = db;

        var sample = await db.ConsentVersions.Where(v => v.ResourceJson != null).OrderBy(v => v.Seq).Take(200).ToListAsync();
        var nhs = sample[0].PatientNhsNumber!;
        var found = await db.ConsentVersions.CountAsync(v => v.References.Any(r => r.Param == "patient" && r.IdentifierValue == nhs));

        Assert.All(sample, v => Assert.DoesNotContain(ConsentValidator.Validate(FhirJson.Parse<Consent>(v.ResourceJson!)), i => i.Severity?.GetLiteral() == "error"));
        Assert.True(NhsNumber.IsValid(nhs));
        Assert.True(found >= 1);
    }

    [Fact]
    public async Task Run_WhenSameSeedTwice_ThenSameData()
    {
        var (first, a) = await GenerateAsync("seed-a", "--scale", "0.001", "--seed", "99");
        var (second, b) = await GenerateAsync("seed-b", "--scale", "0.001", "--seed", "99");
        await using var _ = a;
        await using var __ = b;

        var jsonA = await a.ConsentVersions.OrderBy(v => v.Seq).Select(v => v.ResourceJson).ToListAsync();
        var jsonB = await b.ConsentVersions.OrderBy(v => v.Seq).Select(v => v.ResourceJson).ToListAsync();

        Assert.Equal(first.Patients, second.Patients);
        Assert.Equal(jsonA, jsonB);
    }

    [Fact]
    public async Task Run_WhenSpikeInjected_ThenThatPracticeWeekHoldsIt()
    {
        var (summary, db) = await GenerateAsync("spike", "--scale", "0.002", "--spike", "#2:50:80");
        await using var _ = db;
        var anomaly = Assert.Single(summary.Anomalies);
        var start = new DateTimeOffset(DateOnly.Parse(anomaly.WeekStart, CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var (from, to) = (start.UtcTicks, start.AddDays(7).UtcTicks);

        var practiceNumbers = await db.PatientRegistrations.Where(r => r.PracticeOdsCode == anomaly.Practice).Select(r => r.NhsNumber).ToListAsync();
        var numbers = practiceNumbers.Select(n => n.ToString(CultureInfo.InvariantCulture)).ToHashSet();
        var inWeek = (await db.ConsentVersions
            .Where(v => v.VersionId == 1 && v.DateStart >= from && v.DateStart < to)
            .Select(v => v.PatientNhsNumber)
            .ToListAsync()).Count(n => n is not null && numbers.Contains(n));

        Assert.InRange(anomaly.Objections, 50, 110);
        Assert.True(inWeek >= anomaly.Objections, $"{inWeek} objections in the week, {anomaly.Objections} injected");
    }

    [Fact]
    public async Task Run_WhenPopulationAlreadyLoaded_ThenRefuses()
    {
        var (_, db) = await GenerateAsync("twice", "--scale", "0.001");
        await using var _ = db;
        var options = GenerateOptions.Parse(["--scale", "0.001", "--out", Path.Combine(_output, "twice-2")]);
        await using IPopulationLoader loader = db.Database.IsNpgsql()
            ? new PostgresPopulationLoader(db.Database.GetConnectionString()!)
            : new SqlitePopulationLoader(db.Database.GetConnectionString()!);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new PopulationGenerator(options, loader).RunAsync(CancellationToken.None));

        Assert.Contains("already holds a population", error.Message, StringComparison.Ordinal);
    }
}
