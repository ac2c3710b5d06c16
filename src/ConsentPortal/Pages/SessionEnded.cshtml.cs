using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ConsentPortal.Pages;

/// <summary>Where a form posted after the session ended lands (see Identity/ExpiredSession): what happened and how to go on.</summary>
public sealed class SessionEndedModel(IOptions<PortalOptions> options) : PageModel
{
    public bool Kept { get; private set; }

    /// <summary>Where signing in again leads; /signin accepts only an address on this site.</summary>
    public string ReturnUrl { get; private set; } = "/";

    public PortalOptions Limits => options.Value;

    public void OnGet(string? returnUrl, string? kept)
    {
        Kept = kept == "yes";
        ReturnUrl = returnUrl ?? "/";
    }
}
