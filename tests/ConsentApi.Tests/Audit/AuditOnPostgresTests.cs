using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Tests.Audit;

public sealed class AuditOnPostgresTests(PostgresApiFactory api) : AuditTests(api), IClassFixture<PostgresApiFactory>
{
    protected override async Task TamperAsync(RegistryDbContext db, long seq)
    {
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only");
        await db.Database.ExecuteSqlAsync($"UPDATE audit_events SET agent_id = 'someone else' WHERE seq = {seq}");
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only");
    }
}
