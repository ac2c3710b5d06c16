using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsentPortal.Pages;

/// <summary>Where a form posted after the session ended lands (see Identity/ExpiredSession): what happened and how to go on.</summary>
public sealed class SessionEndedModel : PageModel
{
    public bool Kept { get; private set; }
    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl, string? kept)
    {
        Kept = kept == "yes";
        ReturnUrl = returnUrl is { Length: > 0 and < 2048 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
    }
}
