using System.Globalization;
using ConsentApi.Persistence;
using FhirAdapters.Tests.Builders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Support;

/// <summary>People in the registry's patient details: a registration at a test practice, born in a given year.</summary>
public static class PatientDetails
{
    /// <summary>The postcode on record for every person registered here.</summary>
    public const string Postcode = "LS14AP";

    /// <summary>
    /// Registers a new person at the practice (made if missing); returns their NHS number. Their date of birth and
    /// postcode are on record (the identity evidence accounts are checked against): 15 March of the year, and LS1 4AP.
    /// </summary>
    public static async Task<string> RegisteredPersonAsync(this ApiFactory api, int birthYear, string practice = "P99001", string sex = "F")
    {
        var birthDate = $"{birthYear:D4}-03-15";
        var nhs = TestNhsNumbers.Next();
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO practices (ods_code, name, sub_icb_code, sub_icb_name, icb_code, icb_name, region_code, region_name) SELECT {practice}, 'Test practice', 'S1', 'Sub ICB', 'I1', 'ICB', 'R1', 'Region' WHERE NOT EXISTS (SELECT 1 FROM practices WHERE ods_code = {practice})");
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO patient_registrations (nhs_number, practice_ods_code, sex, birth_year, registered_from_ticks, birth_date, postcode) VALUES ({long.Parse(nhs, CultureInfo.InvariantCulture)}, {practice}, {sex}, {birthYear}, 0, {birthDate}, {Postcode})");
        return nhs;
    }
}
