using Microsoft.AspNetCore.Authorization;

namespace ConsentApi.Identity;

/// <summary>Meets a <see cref="ScopeRequirement"/> when one of the token's scopes allows it.</summary>
public sealed class ScopeHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (requirement.IsMetBy(TokenScopes(context.User)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    public static IEnumerable<string> TokenScopes(System.Security.Claims.ClaimsPrincipal user) =>
        user.FindAll(IdentityClaims.Scope).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
