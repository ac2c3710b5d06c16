using ConsentApi.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Accounts;

/// <summary>ASP.NET Core Identity's IdentityUserClaim in the table account_claims, columns in snake_case.</summary>
public sealed class AccountClaimConfiguration : IEntityTypeConfiguration<IdentityUserClaim<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<string>> builder)
    {
        builder.ToTable("account_claims");
        SnakeCaseColumns.Apply(builder.Metadata);
    }
}
