using ConsentPortal.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsentPortal.Pages;

/// <summary>
/// Creating a patient account: the registry checks the NHS number, date of birth and postcode against what the
/// person's GP registration holds and links the account to that person. What was typed (except the password) stays in
/// the form on error.
/// </summary>
public sealed class CreateAccountModel(RegistryApi api) : PageModel
{
    public static readonly IReadOnlyList<(string Name, string Label, string? Hint, string Type, string Autocomplete)> Fields =
    [
        ("displayName", "Your name", null, "text", "name"),
        ("nhsNumber", "NHS number", "10 digits, for example 943 476 5919. It is on letters from the NHS and in the NHS App.", "text", "off"),
        ("dateOfBirth", "Date of birth", "For example 15/03/1985.", "text", "bday"),
        ("postcode", "Postcode", "The postcode of the address your GP practice has for you, for example LS1 4AP.", "text", "postal-code"),
        ("userName", "Choose a user name", null, "text", "username"),
        ("password", "Choose a password", "At least 12 characters.", "password", "new-password"),
    ];

    private Dictionary<string, string> values = new(StringComparer.Ordinal);

    public FormErrors Errors { get; } = [];

    public string Value(string field) => values.GetValueOrDefault(field) ?? "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        values = Fields.ToDictionary(f => f.Name, f => Request.Form[f.Name].ToString().Trim(), StringComparer.Ordinal);
        foreach (var (name, label, _, _, _) in Fields.Where(f => Value(f.Name).Length == 0))
        {
            Errors.Add((name, $"Enter {label.ToLowerInvariant().Replace("choose a ", "a ", StringComparison.Ordinal)}"));
        }

        var dateOfBirth = DateOfBirth(Value("dateOfBirth"));
        if (!Errors.Has("dateOfBirth") && dateOfBirth is null)
        {
            Errors.Add(("dateOfBirth", "Date of birth must be a real date, like 15/03/1985"));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        try
        {
            await api.PostAsync("/accounts/register", new
            {
                userName = Value("userName"),
                password = Request.Form["password"].ToString(),
                nhsNumber = Value("nhsNumber").Replace(" ", "", StringComparison.Ordinal),
                dateOfBirth,
                postcode = Value("postcode"),
                displayName = Value("displayName"),
            }, ct);
        }
        catch (RegistryApiException ex) when (ex.IsInputProblem)
        {
            var field = Fields.Select(f => f.Name).FirstOrDefault(n => ex.Field == n || ex.Problem?.Contains(n, StringComparison.Ordinal) == true) ?? "nhsNumber";
            Errors.Add((field, ex.Problem ?? "Your account could not be created"));
            return Page();
        }

        return Redirect("/signin?returnUrl=%2Fchoices");
    }

    /// <summary>15/03/1985 (as people write it) or 1985-03-15, as the registry's yyyy-MM-dd; null when it is not a date.</summary>
    private static string? DateOfBirth(string value) =>
        DateOnly.TryParseExact(value, ["d/M/yyyy", "yyyy-MM-dd"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
            ? day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
