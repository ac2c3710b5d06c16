using System.Net;
using System.Net.Http.Json;

namespace ConsentApi.Tests.Support;

/// <summary>An app that signs people in (registered once per database) and patients with accounts, for sign-in tests.</summary>
public static class PersonApps
{
    public const string App = "test-portal";
    public const string Redirect = "http://localhost:5999/callback";
    public const string Password = "correct horse battery";

    public static async Task EnsureAppAsync(HttpClient admin)
    {
        using var response = await admin.PostAsJsonAsync("/admin/clients", new
        {
            clientId = App,
            odsCode = "X26",
            name = "Test portal",
            redirectUris = new[] { Redirect },
            scopes = new[] { "patient/Consent.rs", "patient/Consent.cud", "patient/AuditEvent.rs", "registry.monitoring", "registry.admin", "system/AuditEvent.rs" },
        });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A person on the registrations feed who has created an account; returns their NHS number and user name.</summary>
    public static async Task<(string NhsNumber, string UserName)> RegisterPatientAsync(ApiFactory api)
    {
        var nhs = await api.RegisteredPersonAsync(1975, "P99002", "M");
        var userName = "patient-" + nhs;
        using var anonymous = api.CreateAnonymousClient();
        using var response = await anonymous.PostAsJsonAsync("/accounts/register", Registration(nhs, "1975-03-15", userName));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (nhs, userName);
    }

    /// <summary>A new patient signed in through the app; returns the app's flow (for refreshing) and its first tokens.</summary>
    public static async Task<(SignInFlow Flow, ConsentApi.Identity.TokenResponse Token)> SignedInAsync(ApiFactory api, string scope)
    {
        await EnsureAppAsync(api.CreateClient());
        var (_, userName) = await RegisterPatientAsync(api);
        var flow = new SignInFlow(api.ServerAddress, App, Redirect);
        return (flow, await flow.TokenAsync(userName, Password, scope));
    }

    public static RegistrationBody Registration(string nhs, string dateOfBirth, string userName) =>
        new(userName, Password, nhs, dateOfBirth, "LS1 4AP", "Test patient");

    public sealed record RegistrationBody(string UserName, string Password, string NhsNumber, string DateOfBirth, string Postcode, string DisplayName);
}
