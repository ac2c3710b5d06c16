using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ConsentPortal.Registry;

namespace ConsentPortal.Pages;

/// <summary>The friendly page for anything that went wrong: never a stack trace; a reference that matches the log.</summary>
[IgnoreAntiforgeryToken]
public sealed partial class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    public string Heading { get; private set; } = "Sorry, there is a problem with the service";
    public string Explanation { get; private set; } = "Try again later. Nothing you entered has been changed.";
    public string? Reference { get; private set; }

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        if (status == StatusCodes.Status404NotFound)
        {
            Heading = "Page not found";
            Explanation = "If you typed the web address, check it is correct.";
            return;
        }

        var error = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        Reference = (error as RegistryApiException)?.Reference ?? HttpContext.TraceIdentifier;
        if (error is not null)
        {
            LogFailure(logger, error, Reference);
        }

        if (error is RegistryApiException { Status: System.Net.HttpStatusCode.Forbidden })
        {
            Heading = "You cannot see this page";
            Explanation = "Your account does not give you access to it.";
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Portal request failed (reference {Reference})")]
    private static partial void LogFailure(ILogger logger, Exception ex, string reference);
}
