using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsentApi.Accounts;

/// <summary>ASP.NET Core Identity's RegistryUser in the table accounts, columns in snake_case.</summary>
public sealed class RegistryUserConfiguration : IEntityTypeConfiguration<RegistryUser>
{
    public void Configure(EntityTypeBuilder<RegistryUser> builder)
    {
        builder.ToTable("accounts");
        SnakeCaseColumns.Apply(builder.Metadata);
    }
}
