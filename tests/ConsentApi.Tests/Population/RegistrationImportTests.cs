using ConsentApi.Population;
using ConsentApi.Tests.Support;
using FhirAdapters.Tests.Builders;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Population;

/// <summary>
/// The registrations feed's bulk load (NDJSON of FHIR Patients) on the real database: good batches are stored once
/// (a move is a further registration), and a batch with any bad line stores nothing while every problem names its
/// line and element.
/// </summary>
public abstract class RegistrationImportTests(ApiFactory api)
{
    private const string PracticeA = "Y90001";
    private const string PracticeB = "Y90002";

    [Fact]
    public async Task Import_WhenEveryLineIsGood_ThenEachRegistrationIsStoredOnce_AndLoadingItAgainAddsNothing()
    {
        var mover = TestNhsNumbers.Next();
        var stayer = TestNhsNumbers.Next();
        var batch = Lines(Patient(mover, (PracticeA, "2019-04-01"), (PracticeB, "2026-02-15")), "", Patient(stayer, (PracticeB, "2001-09-30")));

        var first = await ImportAsync(batch);
        var again = await ImportAsync(batch);

        Assert.Empty(first.Problems);
        Assert.Equal((3, 0), (first.Added, first.AlreadyHeld));
        Assert.Equal((0, 3), (again.Added, again.AlreadyHeld));
        var stored = await RegistrationsAsync(mover);
        Assert.Equal([(PracticeA, "2019-04-01"), (PracticeB, "2026-02-15")], stored.Select(r => (r.PracticeOdsCode, Day(r.RegisteredFromTicks))));
        Assert.All(stored, r => Assert.Equal(("F", 1980, "1980-05-17", "LS14AP"), (r.Sex, r.BirthYear, r.BirthDate, r.Postcode)));
    }

    [Fact]
    public async Task Import_WhenLinesAreBad_ThenEveryProblemNamesItsLineAndNothingIsStored()
    {
        var good = TestNhsNumbers.Next();
        var twice = TestNhsNumbers.Next();
        var batch = Lines(
            Patient(good, (PracticeA, "2020-01-01")),
            Patient("9434765918", (PracticeA, "2020-01-01")),
            Patient(TestNhsNumbers.Next(), ("Y99999", "2020-01-01")),
            "{\"resourceType\":\"Patient\",\"gender\":",
            Patient(twice, (PracticeA, "2020-01-01")),
            Patient(twice, (PracticeB, "2021-01-01")),
            Patient(TestNhsNumbers.Next(), AdministrativeGender.Unknown, (PracticeA, "2020-01-01")),
            Patient(TestNhsNumbers.Next(), (PracticeA, "1 March 2020")));

        var import = await ImportAsync(batch);

        Assert.Equal(0, import.Added);
        Assert.Contains(import.Problems, p => p.Line == 2 && p.Problem.StartsWith("Patient.identifier.value:", StringComparison.Ordinal));
        Assert.Contains(import.Problems, p => p.Line == 3 && p.Problem.Contains("Practice Y99999 is not one the registry knows", StringComparison.Ordinal));
        Assert.Contains(import.Problems, p => p.Line == 4);
        Assert.Contains(import.Problems, p => p.Line == 6 && p.Problem.Contains("is also on line 5", StringComparison.Ordinal));
        Assert.Contains(import.Problems, p => p.Line == 7 && p.Problem.StartsWith("Patient.gender:", StringComparison.Ordinal));
        Assert.Contains(import.Problems, p => p.Line == 8 && p.Problem.Contains("Patient.generalPractitioner[0].identifier.period.start", StringComparison.Ordinal));
        Assert.DoesNotContain(import.Problems, p => p.Line == 1);
        Assert.Empty(await RegistrationsAsync(good));
    }

    [Fact]
    public async Task Import_WhenAPersonIsAlreadyRegisteredElsewhereFromTheSameDay_ThenTheBatchIsRefused()
    {
        var person = TestNhsNumbers.Next();
        await ImportAsync(Lines(Patient(person, (PracticeA, "2024-06-01"))));

        var clash = await ImportAsync(Lines(Patient(person, (PracticeB, "2024-06-01"))));

        var problem = Assert.Single(clash.Problems);
        Assert.Contains($"already registered at {PracticeA} from 2024-06-01", problem.Problem, StringComparison.Ordinal);
        Assert.Equal([PracticeA], (await RegistrationsAsync(person)).Select(r => r.PracticeOdsCode));
    }

    private async Task<RegistrationImport> ImportAsync(string ndjson)
    {
        await api.EnsurePracticesAsync(PracticeA, PracticeB);
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistrationImporter>().ImportAsync(new StringReader(ndjson), "patients.ndjson", default);
    }

    private Task<List<PatientRegistration>> RegistrationsAsync(string nhs) => api.RegistrationsOfAsync(nhs);

    private static string Day(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    private static string Patient(string nhs, params (string Ods, string From)[] practices) => Patient(nhs, AdministrativeGender.Female, practices);

    private static string Patient(string nhs, AdministrativeGender gender, params (string Ods, string From)[] practices) =>
        practices.Aggregate(new PatientBuilder(nhs).With(p => p.Gender = gender), (b, p) => b.RegisteredAt(p.Ods, p.From)).Json();
}
