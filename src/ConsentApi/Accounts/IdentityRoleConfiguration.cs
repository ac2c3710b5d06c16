using ConsentApi.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Accounts;

/// <summary>ASP.NET Core Identity's IdentityRole in the table roles, columns in snake_case.</summary>
public sealed class IdentityRoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> builder)
    {
        builder.ToTable("roles");
        SnakeCaseColumns.Apply(builder.Metadata);
    }
}
