using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ConsentPortal.Registry;

namespace ConsentPortal.Pages;

/// <summary>
/// The friendly page for anything that went wrong: never a stack trace; a reference that matches the log. When a form
/// could not be sent on (the registry was down, say), the page carries what the person entered back to where it was
/// going, so one press of "Try again" sends it again; a form's request id makes a retry record nothing twice.
/// Passwords are never put back into a page.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed partial class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    public string Heading { get; private set; } = "Sorry, there is a problem with the service";
    public string Explanation { get; private set; } = "Try again later. Nothing you entered has been changed.";
    public string? Reference { get; private set; }

    /// <summary>Where the failed form was going, with its fields, when there is something to send again.</summary>
    public (string Action, IReadOnlyList<KeyValuePair<string, string>> Fields)? Retry { get; private set; }

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status)
    {
        Describe(status);
        var failed = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        if (failed?.Error is null or RegistryApiException { Status: System.Net.HttpStatusCode.Forbidden } || Unreadable(failed.Error)
            || !Request.HasFormContentType
            || !failed.Path.StartsWith('/') || failed.Path.StartsWith("//", StringComparison.Ordinal) || failed.Path.Contains('\\', StringComparison.Ordinal))
        {
            return;
        }

        IFormCollection form;
        try
        {
            form = Request.Form;
        }
        catch (InvalidDataException)
        {
            // What was sent could not be read as a form: there is nothing to give back.
            return;
        }

        var fields = form.Where(f => !f.Key.Contains("password", StringComparison.OrdinalIgnoreCase))
            .SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))).ToList();
        Retry = (failed.Path + Request.QueryString, fields);
        Heading = "Sorry, we could not save that just now";
        Explanation = "Nothing has been changed yet, and what you entered has been kept: press Try again to send it again.";
    }

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
        if (Unreadable(error))
        {
            // The request itself could not be read: the sender's problem, not the service's.
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Heading = "Sorry, what was sent could not be read";
            Explanation = "Go back to the page and try again. Nothing has been changed.";
            return;
        }

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

    /// <summary>The request itself could not be read (a broken form body, a bad antiforgery token): nothing to send again, nothing to log as a fault.</summary>
    private static bool Unreadable(Exception? error) =>
        error is InvalidDataException or BadHttpRequestException or Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException;

    [LoggerMessage(Level = LogLevel.Error, Message = "Portal request failed (reference {Reference})")]
    private static partial void LogFailure(ILogger logger, Exception ex, string reference);
}
