using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Accounts;

/// <summary>Makes sure the staff roles exist (every start; adding a missing role is the only change it makes).</summary>
public static class AccountSeeder
{
    public static async Task EnsureRolesAsync(this IServiceProvider services)
    {
        foreach (var role in StaffRoles.All)
        {
            // A scope per role: a refused insert leaves its context unusable for the next.
            await using var scope = services.CreateAsyncScope();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync(role))
            {
                IdentityResult result;
                try
                {
                    result = await roles.CreateAsync(new IdentityRole(role));
                }
                catch (DbUpdateException)
                {
                    // Another instance starting at the same moment created it first (caught by the database's unique
                    // index here, or by the role manager's own check below): theirs stands.
                    if (await RoleExistsAsync(services, role))
                    {
                        continue;
                    }

                    throw;
                }

                if (!result.Succeeded && !await RoleExistsAsync(services, role))
                {
                    throw new InvalidOperationException($"Could not create role {role}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
                }
            }
        }
    }

    private static async Task<bool> RoleExistsAsync(IServiceProvider services, string role)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().RoleExistsAsync(role);
    }
}
