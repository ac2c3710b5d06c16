using ConsentApi.Accounts;
using ConsentApi.Identity;
using Microsoft.AspNetCore.Identity;

namespace ConsentApi.Demo;

/// <summary>
/// DEMO ONLY (Development): patients and staff with published passwords, and the app they sign in through, so a
/// newcomer can try sign-in. The patients are the demo patients; their identity is taken as verified.
/// </summary>
public static class DemoAccounts
{
    public const string PortalClient = "demo-portal";
    public const string PortalRedirect = "http://localhost:5090/signin-callback";
    public const string Password = "demo-password-2026";

    public static async Task SeedAsync(IServiceProvider services, ClientRegistry clients, CancellationToken ct)
    {
        if (clients.Find(PortalClient) is null)
        {
            await clients.AddAsync(new ClientInput(PortalClient, "X26", "Demo patient and staff portal (DEMO)", null, null,
                [RegistryScopes.PatientConsentRead, RegistryScopes.PatientConsentWrite, RegistryScopes.PatientAuditRead, RegistryScopes.Monitoring,
                    RegistryScopes.Admin, RegistryScopes.AuditRead], [PortalRedirect]), "demo-seed", ct);
        }

        var users = services.GetRequiredService<UserManager<RegistryUser>>();
        (string Name, string Kind, string? Nhs, string Display, string? Role)[] people =
        [
            ("demo.patient", RegistryUser.PatientKind, "9434765919", "Demo patient (national data opt-out)", null),
            ("demo.patient2", RegistryUser.PatientKind, "9434765870", "Second demo patient", null),
            ("demo.analyst", RegistryUser.StaffKind, null, "Demo monitoring analyst", StaffRoles.Analyst),
            ("demo.admin", RegistryUser.StaffKind, null, "Demo administrator", StaffRoles.Administrator),
        ];
        foreach (var person in people)
        {
            if (await users.FindByNameAsync(person.Name) is not null)
            {
                continue;
            }

            var user = new RegistryUser { UserName = person.Name, Kind = person.Kind, NhsNumber = person.Nhs, DisplayName = person.Display };
            var created = await users.CreateAsync(user, Password);
            if (created.Succeeded && person.Role is not null)
            {
                created = await users.AddToRoleAsync(user, person.Role);
            }

            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {person.Name}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }
        }
    }
}
