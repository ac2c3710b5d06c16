using Microsoft.AspNetCore.Identity;

namespace ConsentApi.Accounts;

/// <summary>Makes sure the staff roles exist (every start; adding a missing role is the only change it makes).</summary>
public static class AccountSeeder
{
    public static async Task EnsureRolesAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole(role));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create role {role}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
                }
            }
        }
    }
}
