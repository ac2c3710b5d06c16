using ConsentApi.Persistence;
using ConsentApi.Population;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentApi.Tests.Support;

/// <summary>Practices for registration tests to register people at, and the registration rows held for a person.</summary>
public static class RegistrationRows
{
    /// <summary>Adds the practices the database lacks (in sub-ICB X1, ICB X2, region X3); tests racing to add the same one are fine.</summary>
    public static async Task EnsurePracticesAsync(this ApiFactory api, params string[] codes)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        foreach (var ods in codes.Where(o => !db.Practices.Any(p => p.OdsCode == o)))
        {
            db.Practices.Add(TestPractice(ods));
        }

        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Another test added the same practice at the same moment.
        }
    }

    /// <summary>A practice named after its ODS code, in sub-ICB X1, ICB X2 and region X3.</summary>
    public static Practice TestPractice(string ods) => new()
    {
        OdsCode = ods,
        Name = "Test practice " + ods,
        SubIcbCode = "X1",
        SubIcbName = "Test",
        IcbCode = "X2",
        IcbName = "Test",
        RegionCode = "X3",
        RegionName = "Test",
    };

    public static async Task<List<PatientRegistration>> RegistrationsOfAsync(this ApiFactory api, string nhs)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var number = long.Parse(nhs, System.Globalization.CultureInfo.InvariantCulture);
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().PatientRegistrations.AsNoTracking().Where(r => r.NhsNumber == number)
            .OrderBy(r => r.RegisteredFromTicks).ToListAsync();
    }
}
