using ConsentPortal.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsentPortal.Pages;

/// <summary>
/// Creating a patient account: the registry checks the NHS number, year of birth and practice against its patient
/// details and links the account to that person. What was typed (except the password) stays in the form on error.
/// </summary>
public sealed class CreateAccountModel(RegistryApi api) : PageModel
{
    public static readonly IReadOnlyList<(string Name, string Label, string? Hint, string Type, string Autocomplete)> Fields =
    [
        ("displayName", "Your name", null, "text", "name"),
        ("nhsNumber", "NHS number", "10 digits, for example 943 476 5919. It is on letters from the NHS and in the NHS App.", "text", "off"),
        ("birthYear", "Year of birth", "For example 1985.", "text", "bday-year"),
        ("practiceOds", "Your GP practice code", "Six characters, for example A81001. Your practice can tell you.", "text", "off"),
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

        if (!Errors.Has("birthYear") && !int.TryParse(Value("birthYear"), out _))
        {
            Errors.Add(("birthYear", "Year of birth must be a year, like 1985"));
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
                birthYear = int.Parse(Value("birthYear"), System.Globalization.CultureInfo.InvariantCulture),
                practiceOds = Value("practiceOds").ToUpperInvariant(),
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
}
