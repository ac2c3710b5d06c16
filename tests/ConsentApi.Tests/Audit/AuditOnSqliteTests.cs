using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Tests.Audit;

public sealed class AuditOnSqliteTests(SqliteApiFactory api) : AuditTests(api), IClassFixture<SqliteApiFactory>
{
    protected override async Task TamperAsync(RegistryDbContext db, long seq)
    {
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_events_no_update");
        await db.Database.ExecuteSqlAsync($"UPDATE audit_events SET agent_id = 'someone else' WHERE seq = {seq}");
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;");
    }
}
