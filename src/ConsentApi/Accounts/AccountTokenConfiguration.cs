using ConsentApi.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Accounts;

/// <summary>ASP.NET Core Identity's IdentityUserToken in the table account_tokens, columns in snake_case.</summary>
public sealed class AccountTokenConfiguration : IEntityTypeConfiguration<IdentityUserToken<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<string>> builder)
    {
        builder.ToTable("account_tokens");
        SnakeCaseColumns.Apply(builder.Metadata);
    }
}
