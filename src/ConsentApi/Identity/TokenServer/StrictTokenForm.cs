using Microsoft.AspNetCore;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ConsentApi.Identity.TokenServer;

/// <summary>
/// Reads a token request as RFC 6749 has it, before OpenIddict extracts it: application/x-www-form-urlencoded only (a
/// multipart body is refused before it is read, so a broken one cannot fail later), each parameter at most once, names
/// exactly as written ("GRANT_TYPE" is not grant_type). OpenIddict would otherwise take the first of two values, or
/// ignore a name in another case and report the parameter as missing.
/// </summary>
public sealed class StrictTokenForm : IOpenIddictServerHandler<ExtractTokenRequestContext>
{
    private static readonly string[] Parameters =
        ["grant_type", "client_assertion_type", "client_assertion", "scope", "client_id", "code", "redirect_uri", "code_verifier", "refresh_token"];

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractTokenRequestContext>()
            .UseSingletonHandler<StrictTokenForm>()
            .SetOrder(int.MinValue + 10_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ExtractTokenRequestContext context)
    {
        var request = context.Transaction.GetHttpRequest() ?? throw new InvalidOperationException("The token endpoint runs only under ASP.NET Core.");
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            context.Reject(Errors.InvalidRequest, "Send the token request as application/x-www-form-urlencoded.");
            return;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            context.Reject(Errors.InvalidRequest, "The request body could not be read as a form.");
            return;
        }

        foreach (var (name, values) in form)
        {
            if (values.Count > 1)
            {
                context.Reject(Errors.InvalidRequest, $"'{LogRedaction.Short(name)}' is given more than once: send each parameter once.");
                return;
            }

            if (Parameters.FirstOrDefault(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase)) is { } known && known != name)
            {
                context.Reject(Errors.InvalidRequest, $"Parameter names are case-sensitive: send '{known}', not '{LogRedaction.Short(name)}'.");
                return;
            }
        }

        // OpenIddict would read an assertion of another type as no credential at all ("invalid_client"); say what is wrong.
        if (form.ContainsKey("client_assertion") && form["client_assertion_type"] != TokenEndpoints.AssertionType)
        {
            context.Reject(Errors.InvalidRequest, $"client_assertion_type must be '{TokenEndpoints.AssertionType}'.");
        }
    }
}
