using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsentPortal.Pages.Choices;

/// <summary>The confirmation, with the reference of the version recorded.</summary>
public sealed class DoneModel : PageModel
{
    public string Reference { get; private set; } = "";

    public void OnGet(string? reference) => Reference = reference is { Length: > 0 and < 200 } r && r.StartsWith("Consent/", StringComparison.Ordinal) ? r : "–";
}
