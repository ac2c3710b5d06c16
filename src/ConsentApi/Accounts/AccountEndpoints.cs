using System.Globalization;
using ConsentApi.Audit;
using ConsentApi.Fhir;
using ConsentApi.Identity;
using ConsentApi.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Accounts;

/// <summary>
/// Accounts: patients register (and are linked to their NHS number once their details match the registry's), anyone
/// signed in can turn on two-factor sign-in, and administrators create staff accounts with roles.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/accounts").WithTags("Accounts");
        group.MapPost("/register", Register).WithName("RegisterPatientAccount").AllowAnonymous();
        group.MapGet("/me", Me).WithName("MyAccount");
        group.MapPost("/me/two-factor/key", NewAuthenticatorKey).WithName("NewAuthenticatorKey");
        group.MapPost("/me/two-factor", EnableTwoFactor).WithName("EnableTwoFactor");
        var staff = app.MapGroup("/admin/users").WithTags("Administration").RequireAuthorization(AccessPolicies.Admin);
        staff.MapGet("", ListStaff).WithName("ListStaff");
        staff.MapPost("", CreateStaff).WithName("CreateStaff");
        return app;
    }

    /// <summary>
    /// Every refusal of a registration for identity reasons is word for word this: details that do not match, details
    /// the registry does not hold, an NHS number that already has an account, and too many attempts all look alike, so
    /// an answer tells a stranger nothing about the person.
    /// </summary>
    public const string NotMatched = "We could not create an account with these details. Check your NHS number, date of birth and postcode " +
        "are as your GP practice has them. If they are right, you may already have an account, or there have been too many attempts: " +
        "try again tomorrow or contact us.";

    public static async Task<IResult> Register(RegistrationInput input, HttpContext context, UserManager<RegistryUser> users, RegistryDbContext db,
        AttemptThrottle throttle, AuditLog audit, CancellationToken ct)
    {
        // Checks of the form itself first: they say nothing about anybody.
        var nhs = RequestValues.NhsNumber(input.NhsNumber, "nhsNumber");
        var birthDate = DateOfBirth(input.DateOfBirth);
        var postcode = Postcode(input.Postcode);
        var userName = RequireUserName(input.UserName);
        if (await users.FindByNameAsync(userName) is not null)
        {
            throw new FhirErrorException(StatusCodes.Status409Conflict, "duplicate", $"The user name '{userName}' is taken: choose another.", "userName");
        }

        foreach (var validator in users.PasswordValidators)
        {
            Check(await validator.ValidateAsync(users, new RegistryUser { UserName = userName }, input.Password ?? ""), "password");
        }

        var nhsText = nhs.ToString("D10", CultureInfo.InvariantCulture);
        var source = AttemptThrottle.SourceOf(context);
        var matched = await throttle.MayRegisterAsync(nhsText, source, ct)
            && await db.PatientRegistrations.AsNoTracking().AnyAsync(r => r.NhsNumber == nhs && r.BirthDate == birthDate && r.Postcode == postcode, ct)
            && !await users.Users.AnyAsync(u => u.NhsNumber == nhsText, ct);
        if (!matched)
        {
            await throttle.RecordFailureAsync(AttemptThrottle.Registration, nhsText, source, ct);
            await throttle.DelayFailureAsync(ct);
            throw new FhirErrorException(StatusCodes.Status422UnprocessableEntity, "business-rule", NotMatched);
        }

        var user = new RegistryUser { UserName = input.UserName, Kind = RegistryUser.PatientKind, NhsNumber = nhsText, DisplayName = input.DisplayName };
        await CreateAsync(users, user, input.Password);
        await audit.RecordAsync(new AuditEntry("account", "C", new AuditActor(RegistryUser.PatientKind, nhsText, null, input.DisplayName), [nhs], null,
            $"account {user.UserName} created and linked to this NHS number"), ct);
        return Results.Created("/accounts/me", new { id = user.Id, userName = user.UserName, nhsNumber = nhsText });
    }

    public static async Task<IResult> Me(HttpContext context, UserManager<RegistryUser> users)
    {
        var user = await SignedInAsync(context, users);
        return Results.Ok(new
        {
            user.UserName,
            user.Kind,
            user.NhsNumber,
            user.DisplayName,
            user.TwoFactorEnabled,
            Roles = await users.GetRolesAsync(user),
        });
    }

    public static async Task<IResult> NewAuthenticatorKey(HttpContext context, UserManager<RegistryUser> users)
    {
        var user = await SignedInAsync(context, users);
        await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        var label = Uri.EscapeDataString("Consent registry:" + user.UserName);
        return Results.Ok(new { sharedKey = key, authenticatorUri = $"otpauth://totp/{label}?secret={key}&issuer=Consent%20registry&digits=6" });
    }

    public static async Task<IResult> EnableTwoFactor(TwoFactorInput input, HttpContext context, UserManager<RegistryUser> users)
    {
        var user = await SignedInAsync(context, users);
        var code = (input.Code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            throw RequestValues.Bad("code", "That code does not match the key: check the authenticator app's clock and enter the current code.");
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        return Results.Ok(new { twoFactorEnabled = true });
    }

    public static async Task<IResult> ListStaff(UserManager<RegistryUser> users, CancellationToken ct)
    {
        var staff = await users.Users.Where(u => u.Kind == RegistryUser.StaffKind).OrderBy(u => u.UserName).ToListAsync(ct);
        var views = new List<object>();
        foreach (var user in staff)
        {
            views.Add(new { user.Id, user.UserName, user.DisplayName, user.TwoFactorEnabled, Roles = await users.GetRolesAsync(user) });
        }

        return Results.Ok(views);
    }

    public static async Task<IResult> CreateStaff(StaffInput input, HttpContext context, UserManager<RegistryUser> users, AuditLog audit, CancellationToken ct)
    {
        var roles = input.Roles ?? [];
        if (roles.Count == 0 || roles.Any(r => !StaffRoles.All.Contains(r)))
        {
            throw RequestValues.Bad("roles", $"'roles' must list one or more of: {string.Join(", ", StaffRoles.All)}.");
        }

        var user = new RegistryUser { UserName = input.UserName, Kind = RegistryUser.StaffKind, DisplayName = input.DisplayName };
        await CreateAsync(users, user, input.Password);
        Check(await users.AddToRolesAsync(user, roles), "roles");
        await audit.RecordAsync(new AuditEntry("administration", "C", AuditActor.From(context), [], null,
            $"staff account {user.UserName} created with roles {string.Join(", ", roles)}"), ct);
        return Results.Created("/admin/users", new { user.Id, user.UserName, roles });
    }

    private static string RequireUserName(string? userName) =>
        string.IsNullOrWhiteSpace(userName) ? throw RequestValues.Bad("userName", "'userName' is required.") : userName;

    private static string DateOfBirth(string? raw) =>
        DateOnly.TryParseExact(raw?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year >= 1880
            ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : throw RequestValues.Bad("dateOfBirth", "'dateOfBirth' must be a full date of birth as yyyy-mm-dd, for example 1985-03-15.");

    /// <summary>A UK postcode, upper case without spaces (as the registrations feed's postcodes are kept).</summary>
    private static string Postcode(string? raw)
    {
        var postcode = (raw ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return postcode.Length is >= 5 and <= 7 && postcode.All(char.IsAsciiLetterOrDigit) && char.IsAsciiLetter(postcode[0]) && char.IsAsciiDigit(postcode[^3])
            ? postcode
            : throw RequestValues.Bad("postcode", "'postcode' must be a UK postcode, for example LS1 4AP.");
    }

    private static async Task CreateAsync(UserManager<RegistryUser> users, RegistryUser user, string? password)
    {
        if (await users.FindByNameAsync(RequireUserName(user.UserName)) is not null)
        {
            throw new FhirErrorException(StatusCodes.Status409Conflict, "duplicate", $"The user name '{user.UserName}' is taken.", "userName");
        }

        Check(await users.CreateAsync(user, password ?? ""), "password");
    }

    private static void Check(IdentityResult result, string element)
    {
        if (!result.Succeeded)
        {
            // Name the field the framework's first complaint is about (its codes say: PasswordTooShort, InvalidUserName...).
            var code = result.Errors.First().Code;
            var field = code.StartsWith("Password", StringComparison.Ordinal) ? "password"
                : code.Contains("UserName", StringComparison.Ordinal) ? "userName"
                : element;
            throw RequestValues.Bad(field, string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>The account behind a person's token (patients and staff signed in through an app); 403 for client systems.</summary>
    private static async Task<RegistryUser> SignedInAsync(HttpContext context, UserManager<RegistryUser> users)
    {
        var type = context.User.FindFirst(IdentityClaims.ActorType)?.Value;
        var id = context.User.FindFirst("sub")?.Value;
        var user = type is RegistryUser.PatientKind or RegistryUser.StaffKind && id is not null ? await users.FindByIdAsync(id) : null;
        return user ?? throw new FhirErrorException(StatusCodes.Status403Forbidden, "forbidden",
            "This is for people signed in to the registry with an account (a token from the registry's sign-in).");
    }
}
