using System.Globalization;
using System.Text.RegularExpressions;
using ConsentPortal.Registry;
using FhirAdapters.Primitives;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsentPortal.Pages;

/// <summary>
/// Creating a patient account: the registry checks the NHS number, date of birth and postcode against what the
/// person's GP registration holds and links the account to that person. Each field's problem is said in the NHS's
/// words before anything is sent; what was typed (except the password) stays in the form on error.
/// </summary>
public sealed partial class CreateAccountModel(RegistryApi api, TimeProvider time) : PageModel
{
    public const int MinimumPasswordLength = 12;

    private static readonly string[] Kept = ["displayName", "nhsNumber", "dateOfBirth-day", "dateOfBirth-month", "dateOfBirth-year", "postcode", "userName"];

    private Dictionary<string, string> values = new(StringComparer.Ordinal);

    public FormErrors Errors { get; } = [];

    public string Value(string field) => values.GetValueOrDefault(field) ?? "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        values = Kept.ToDictionary(f => f, f => Request.Form[f].ToString().Trim(), StringComparer.Ordinal);
        var password = Request.Form["password"].ToString();
        var nhsNumber = Value("nhsNumber").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var dateOfBirth = DateOfBirth();

        Check("displayName", Value("displayName").Length == 0 ? "Enter your full name" : null);
        Check("nhsNumber", nhsNumber.Length == 0 ? "Enter your NHS number"
            : nhsNumber.Length != 10 || !nhsNumber.All(char.IsAsciiDigit) ? "Your NHS number must be 10 digits"
            : !NhsNumber.IsValid(nhsNumber) ? "Enter a valid NHS number. Check it against a letter from the NHS or the NHS App" : null);
        Check("dateOfBirth-day", dateOfBirth.Problem);
        Check("postcode", Value("postcode").Length == 0 ? "Enter your postcode"
            : !Postcode().IsMatch(Value("postcode")) ? "Enter a real postcode, like LS1 4AP" : null);
        Check("userName", Value("userName").Length == 0 ? "Enter a user name" : null);
        Check("password", password.Length == 0 ? "Enter a password"
            : password.Length < MinimumPasswordLength ? $"Your password must be {MinimumPasswordLength} characters or more" : null);
        if (Errors.Count > 0)
        {
            return Page();
        }

        try
        {
            await api.PostAsync("/accounts/register", new
            {
                userName = Value("userName"),
                password,
                nhsNumber,
                dateOfBirth = dateOfBirth.Value,
                postcode = Value("postcode"),
                displayName = Value("displayName"),
            }, ct);
        }
        catch (RegistryApiException ex) when (ex.IsInputProblem)
        {
            Errors.Add(ex.Field switch
            {
                "userName" => ("userName", "That user name is taken. Choose another"),
                "password" => ("password", "Choose a password that is harder to guess: a few unrelated words work well"),
                _ when ex.Status == System.Net.HttpStatusCode.UnprocessableEntity => ("nhsNumber", ex.Problem ?? "We could not create an account with these details"),
                _ => ("nhsNumber", "We could not create an account with these details. Check them and try again"),
            });
            return Page();
        }

        return Redirect("/account-created");
    }

    private void Check(string field, string? problem)
    {
        if (problem is not null)
        {
            Errors.Add((field, problem));
        }
    }

    /// <summary>The date of birth from its three boxes, as the registry's yyyy-MM-dd, or what is wrong with it.</summary>
    private (string? Value, string? Problem) DateOfBirth()
    {
        var (day, month, year) = (Value("dateOfBirth-day"), Value("dateOfBirth-month"), Value("dateOfBirth-year"));
        if (day.Length + month.Length + year.Length == 0)
        {
            return (null, "Enter your date of birth");
        }

        var missing = new[] { (day, "day"), (month, "month"), (year, "year") }.Where(p => p.Item1.Length == 0).Select(p => p.Item2).ToList();
        if (missing.Count > 0)
        {
            return (null, $"Date of birth must include a {string.Join(" and ", missing)}");
        }

        if (!int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d) || !int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || year.Length != 4
            || m is < 1 or > 12 || d < 1 || y < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return (null, "Date of birth must be a real date");
        }

        var date = new DateOnly(y, m, d);
        return date > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime) ? (null, "Date of birth must be in the past")
            : (date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
    }

    [GeneratedRegex(@"^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$")]
    private static partial Regex Postcode();
}
