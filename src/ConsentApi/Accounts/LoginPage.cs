using System.Text.Encodings.Web;

namespace ConsentApi.Accounts;

/// <summary>The registry's sign-in pages: plain HTML forms, every value encoded, with an antiforgery token.</summary>
public static class LoginPage
{
    public static IResult Password(string returnUrl, string antiforgery, string? message = null) => Page("Sign in to the consent registry", message, $"""
        <form method="post" action="/auth/login">
          <input type="hidden" name="__RequestVerificationToken" value="{Encode(antiforgery)}">
          <input type="hidden" name="returnUrl" value="{Encode(returnUrl)}">
          <p><label for="username">User name</label><br><input id="username" name="username" autocomplete="username" required></p>
          <p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
          <p><button type="submit">Sign in</button></p>
        </form>
        """);

    public static IResult TwoFactor(string returnUrl, string antiforgery, string? message = null) => Page("Enter the code from your authenticator app", message, $"""
        <form method="post" action="/auth/login/two-factor">
          <input type="hidden" name="__RequestVerificationToken" value="{Encode(antiforgery)}">
          <input type="hidden" name="returnUrl" value="{Encode(returnUrl)}">
          <p><label for="code">Six-digit code</label><br><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required></p>
          <p><button type="submit">Continue</button></p>
        </form>
        """);

    /// <summary>An error that must not be sent back to the app (its redirect URI is unknown or wrong), shown here instead.</summary>
    public static IResult Error(string message) => Page("This sign-in request cannot be completed", message, "", StatusCodes.Status400BadRequest);

    private static IResult Page(string title, string? message, string body, int status = StatusCodes.Status200OK)
    {
        var note = message is null ? "" : $"<p role=\"alert\"><strong>{Encode(message)}</strong></p>";
        var html = $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{Encode(title)}</title></head>
            <body>
            <main>
            <h1>{Encode(title)}</h1>
            {note}
            {body}
            </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
