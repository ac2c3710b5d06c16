using ConsentApi.Persistence;
using ConsentApi.Register;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Demo;

/// <summary>Two illustrative disclosure register entries, so a newcomer can run a bulk check straight away.</summary>
public static class DemoDisclosures
{
    public static IReadOnlyList<Disclosure> All(DateTimeOffset now) =>
    [
        new()
        {
            Id = "DEMO-PLANNING-001",
            RecipientOds = "X26",
            RecipientName = "NHS England (demonstration)",
            Purpose = "http://terminology.hl7.org/CodeSystem/v3-ActReason|HOPERAT",
            DataDescription = "Hospital episode records linked to GP registrations, for planning elective care capacity (demonstration entry).",
            OptOutsApply = true,
            CreatedTicks = now.UtcTicks,
        },
        new()
        {
            Id = "DEMO-COPI-001",
            RecipientOds = "X25",
            RecipientName = "UK Health Security Agency (demonstration)",
            Purpose = "http://terminology.hl7.org/CodeSystem/v3-ActReason|PUBHLTH",
            LegalBasis = "copi-regulation-3",
            DataDescription = "GP-recorded vaccination status, to control a communicable disease outbreak (demonstration entry).",
            OptOutsApply = false,
            CreatedTicks = now.UtcTicks,
        },
    ];

    public static async Task SeedAsync(RegistryDbContext db, TimeProvider time, CancellationToken ct)
    {
        foreach (var disclosure in All(time.GetUtcNow()))
        {
            if (!await db.Disclosures.AnyAsync(d => d.Id == disclosure.Id, ct))
            {
                db.Disclosures.Add(disclosure);
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
