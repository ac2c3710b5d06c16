using System.Text.Encodings.Web;

namespace ConsentApi.Accounts;

/// <summary>
/// The registry's sign-in pages: HTML forms in the NHS.UK design system's markup (its stylesheet only; no script), every
/// value encoded, with an antiforgery token. With the portal's address configured they link to its create-account and
/// help pages.
/// </summary>
public static class LoginPage
{
    public static IResult Password(string returnUrl, string antiforgery, string? portal, string? message = null) =>
        Page("Sign in to your data choices", message, "username", portal, $"""
        <form method="post" action="/auth/login" novalidate>
          <input type="hidden" name="__RequestVerificationToken" value="{Encode(antiforgery)}">
          <input type="hidden" name="returnUrl" value="{Encode(returnUrl)}">
          <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="username">User name</label>
            <input class="nhsuk-input nhsuk-u-width-two-thirds" id="username" name="username" autocomplete="username" spellcheck="false" required>
          </div>
          <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="password">Password</label>
            <input class="nhsuk-input nhsuk-u-width-two-thirds" id="password" name="password" type="password" autocomplete="current-password" required>
          </div>
          <button class="nhsuk-button" type="submit">Sign in</button>
        </form>
        {(portal is null ? "" : $"""
        <p>No account yet? <a href="{Encode(portal)}/create-account">Create an account</a>.</p>
        <p>Forgotten your password or user name? <a href="{Encode(portal)}/help/contact">Get help signing in</a>.</p>
        """)}
        """);

    public static IResult TwoFactor(string returnUrl, string antiforgery, string? portal, string? message = null) =>
        Page("Enter the code from your authenticator app", message, "code", portal, $"""
        <form method="post" action="/auth/login/two-factor" novalidate>
          <input type="hidden" name="__RequestVerificationToken" value="{Encode(antiforgery)}">
          <input type="hidden" name="returnUrl" value="{Encode(returnUrl)}">
          <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="code">Six-digit code</label>
            <div class="nhsuk-hint" id="code-hint">The code changes every 30 seconds.</div>
            <input class="nhsuk-input nhsuk-input--width-10" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" aria-describedby="code-hint" required>
          </div>
          <button class="nhsuk-button" type="submit">Continue</button>
        </form>
        """);

    /// <summary>An error that must not be sent back to the app (its redirect URI is unknown or wrong), shown here instead.</summary>
    public static IResult Error(string message, string? portal) =>
        Page("This sign-in request cannot be completed", message, null, portal, "", StatusCodes.Status400BadRequest);

    private static IResult Page(string title, string? message, string? field, string? portal, string body, int status = StatusCodes.Status200OK)
    {
        var problem = message is null ? "" : field is null
            ? $"""<div class="nhsuk-warning-callout"><h2 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">Important: </span>What went wrong</span></h2><p role="alert">{Encode(message)}</p></div>"""
            : $"""
              <div class="nhsuk-error-summary" tabindex="-1">
                <div role="alert">
                  <h2 class="nhsuk-error-summary__heading">There is a problem</h2>
                  <div class="nhsuk-error-summary__body"><ul class="nhsuk-list nhsuk-error-summary__list"><li><a href="#{field}">{Encode(message)}</a></li></ul></div>
                </div>
              </div>
              """;
        var home = portal is null ? "" : $"""<p><a href="{Encode(portal)}/">Cancel and go back to your data choices</a></p>""";
        var footer = portal is null ? "" : $"""
            <ul class="nhsuk-footer__list">
              <li class="nhsuk-footer__list-item"><a class="nhsuk-footer__list-item-link" href="{Encode(portal)}/help/accessibility">Accessibility statement</a></li>
              <li class="nhsuk-footer__list-item"><a class="nhsuk-footer__list-item-link" href="{Encode(portal)}/help/contact">Contact us</a></li>
              <li class="nhsuk-footer__list-item"><a class="nhsuk-footer__list-item-link" href="{Encode(portal)}/help/cookies">Cookies</a></li>
              <li class="nhsuk-footer__list-item"><a class="nhsuk-footer__list-item-link" href="{Encode(portal)}/help/privacy">Privacy notice</a></li>
            </ul>
            """;
        var html = $"""
            <!doctype html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{(message is null || field is null ? "" : "Error: ")}{Encode(title)} - Consent registry</title>
            <link rel="stylesheet" href="{ConsentRegistry.DesignSystem.NhsukFrontend.Stylesheet}">
            <link rel="icon" href="/assets/images/favicon.svg" type="image/svg+xml">
            </head>
            <body>
            <a class="nhsuk-skip-link" href="#main">Skip to main content</a>
            <header class="nhsuk-header" role="banner">
              <div class="nhsuk-header__container nhsuk-width-container">
                <div class="nhsuk-header__service"><span class="nhsuk-header__service-name">Consent registry: sign in</span></div>
              </div>
            </header>
            <div class="nhsuk-width-container">
            <main class="nhsuk-main-wrapper" id="main" tabindex="-1">
            <div class="nhsuk-grid-row"><div class="nhsuk-grid-column-two-thirds">
            {problem}
            <h1>{Encode(title)}</h1>
            {body}
            {home}
            </div></div>
            </main>
            </div>
            <footer class="nhsuk-footer" role="contentinfo">
              <div class="nhsuk-width-container"><div class="nhsuk-footer__meta">
                <h2 class="nhsuk-u-visually-hidden">Support links</h2>
                {footer}
                <p class="nhsuk-body-s">The national register of data-sharing choices for England.</p>
              </div></div>
            </footer>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
