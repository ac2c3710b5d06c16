using ConsentApi.Persistence;
using ConsentApi.Population;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Demo;

/// <summary>
/// The demo patients' GP registrations with the identity evidence an account is checked against (date of birth and
/// postcode, as a registrations feed would give them), so a demo visitor can create an account for one of them.
/// Synthetic people and details, published in the README; Development only.
/// </summary>
public static class DemoPeople
{
    public static readonly IReadOnlyList<(long NhsNumber, string BirthDate, string Postcode, string Sex)> All =
    [
        (9434765919, "1990-06-21", "LS16AA", "F"),
        (9434765870, "1958-11-02", "LS27HY", "M"),
        (9000000009, "1962-07-04", "LS29JT", "F"),
        (9000000017, "1985-03-15", "LS14AP", "M"),
    ];

    public static async Task SeedAsync(RegistryDbContext db, TimeProvider time, CancellationToken ct)
    {
        var practice = await db.Practices.AsNoTracking().OrderBy(p => p.OdsCode).Select(p => p.OdsCode).FirstOrDefaultAsync(ct);
        if (practice is null)
        {
            return;
        }

        var numbers = All.Select(p => p.NhsNumber).ToList();
        var seeded = await db.PatientRegistrations.AsNoTracking().Where(r => numbers.Contains(r.NhsNumber) && r.BirthDate != null)
            .Select(r => r.NhsNumber).ToListAsync(ct);

        var from = new DateTimeOffset(time.GetUtcNow().Year - 5, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        db.PatientRegistrations.AddRange(All.Where(p => !seeded.Contains(p.NhsNumber)).Select(p => new PatientRegistration
        {
            NhsNumber = p.NhsNumber,
            PracticeOdsCode = practice,
            Sex = p.Sex,
            BirthYear = int.Parse(p.BirthDate[..4], System.Globalization.CultureInfo.InvariantCulture),
            BirthDate = p.BirthDate,
            Postcode = p.Postcode,
            RegisteredFromTicks = from,
        }));
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
