using ConsentApi.Audit;

namespace ConsentApi.Identity;

/// <summary>Administration of client systems and the registry's signing keys. Every change is audited.</summary>
public static class ClientEndpoints
{
    public static IEndpointRouteBuilder MapClientAdministration(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin").WithTags("Administration").RequireAuthorization(AccessPolicies.Admin);
        group.MapGet("/clients", ListClients).WithName("ListClients").Produces<IEnumerable<ClientView>>();
        group.MapPost("/clients", RegisterClient).WithName("RegisterClient").Produces<ClientView>(StatusCodes.Status201Created);
        group.MapPost("/clients/{clientId}/disable", DisableClient).WithName("DisableClient").Produces<ClientView>();
        group.MapPost("/clients/{clientId}/enable", EnableClient).WithName("EnableClient").Produces<ClientView>();
        group.MapPost("/signing-keys/rotate", RotateSigningKey).WithName("RotateSigningKey");
        return app;
    }

    public static async Task<IResult> ListClients(ClientRegistry clients, CancellationToken ct) =>
        Results.Ok((await clients.ListAsync(ct)).Select(ClientView.From));

    public static async Task<IResult> RegisterClient(ClientInput input, HttpContext context, ClientRegistry clients, AuditLog audit, CancellationToken ct)
    {
        var actor = AuditActor.From(context);
        var awaitingApproval = RegistryScopes.NeedSecondAdministrator(input.Jwks is not null || input.JwksUrl is not null, input.Scopes ?? []);
        var client = await clients.AddAsync(input, actor.Id, ct, awaitingApproval);
        await RecordAsync(audit, actor, "C", $"registered client {client.ClientId} ({client.OdsCode}) with scopes {client.Scopes}"
            + (awaitingApproval ? "; disabled until another administrator approves it (POST /admin/clients/{id}/enable)" : ""), ct);
        return Results.Created($"/admin/clients/{client.ClientId}", ClientView.From(client));
    }

    public static Task<IResult> DisableClient(string clientId, HttpContext context, ClientRegistry clients, AuditLog audit, CancellationToken ct) =>
        SetEnabledAsync(clientId, false, context, clients, audit, ct);

    public static Task<IResult> EnableClient(string clientId, HttpContext context, ClientRegistry clients, AuditLog audit, CancellationToken ct) =>
        SetEnabledAsync(clientId, true, context, clients, audit, ct);

    public static async Task<IResult> RotateSigningKey(HttpContext context, SigningKeyStore keys, AuditLog audit, CancellationToken ct)
    {
        var kid = await keys.RotateAsync(ct);
        await RecordAsync(audit, AuditActor.From(context), "U", $"rotated the token signing key; new key {kid}", ct);
        return Results.Ok(new { kid });
    }

    private static async Task<IResult> SetEnabledAsync(string clientId, bool enabled, HttpContext context, ClientRegistry clients, AuditLog audit, CancellationToken ct)
    {
        var actor = AuditActor.From(context);
        if (enabled && clients.Find(clientId) is { } current
            && RegistryScopes.NeedSecondAdministrator(current.Jwks is not null || current.JwksUrl is not null, current.AllowedScopes)
            && await clients.RegisteredByAsync(clientId, ct) == actor.Id)
        {
            throw new Fhir.FhirErrorException(StatusCodes.Status403Forbidden, "forbidden",
                $"You registered client {clientId}, which can change choices or administer the registry: another administrator must enable (approve) it.");
        }

        var client = await clients.SetEnabledAsync(clientId, enabled, actor.Id, ct);
        await RecordAsync(audit, actor, "U", $"{(enabled ? "enabled (approved)" : "disabled")} client {clientId}", ct);
        return Results.Ok(ClientView.From(client));
    }

    private static async Task RecordAsync(AuditLog audit, AuditActor actor, string action, string detail, CancellationToken ct) =>
        await audit.RecordAsync(new AuditEntry("administration", action, actor, [], null, detail), ct);
}
