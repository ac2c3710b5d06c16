using ConsentApi.Consents;
using ConsentApi.Consents.Search;
using ConsentApi.Persistence;
using ConsentApi.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using SQLitePCL;

namespace ConsentApi.Tests.Persistence;

/// <summary>
/// Statements prepared once must stay compiled: SQLite recompiles one whose plan depends on a bound value (a LIMIT
/// parameter, from 3.48) each time that value is bound again, which cost 8% of a search (decision 23).
/// </summary>
public sealed class SqliteReadStatementsTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private const int StatusRun = 6;        // SQLITE_STMTSTATUS_RUN
    private const int StatusReprepare = 5;  // SQLITE_STMTSTATUS_REPREPARE

    [Fact]
    public async Task PatientSearch_WhenRunForSeveralPeople_ThenItsPreparedStatementIsNeverRecompiled()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        using var reads = new SqliteReadStatements();
        using (var first = reads.TryRent(db)!)
        {
            // The one idle connection every search below will take: SQLitePCL lists its statements only when asked to
            // before they are prepared.
            first.Connection.Handle!.enable_sqlite3_next_stmt(true);
        }

        string[] people = ["9434765919", "9434765870", "9000000009", "9434765919"];
        foreach (var nhs in people)
        {
            await PatientSearch.RunAsync(db, new NarrowSearch(nhs, null, null), count: 20, CancellationToken.None, reads);
            await PatientSearch.RunAsync(db, new NarrowSearch(nhs, "active", null), count: 5, CancellationToken.None, reads);
        }

        using var lease = reads.TryRent(db)!;
        var connection = lease.Connection.Handle!;
        var runs = 0;
        var recompiles = 0;
        for (var statement = raw.sqlite3_next_stmt(connection, null); statement is not null && !statement.IsInvalid;
            statement = raw.sqlite3_next_stmt(connection, statement))
        {
            runs += raw.sqlite3_stmt_status(statement, StatusRun, 0);
            recompiles += raw.sqlite3_stmt_status(statement, StatusReprepare, 0);
        }

        Assert.True(runs >= people.Length * 2, $"the searches should have run on this connection's statements (counted {runs} runs)");
        Assert.Equal(0, recompiles);
    }
}
