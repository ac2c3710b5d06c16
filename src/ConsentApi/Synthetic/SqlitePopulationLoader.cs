using System.Collections.Concurrent;
using ConsentApi.Consents;
using ConsentApi.Population;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ConsentApi.Synthetic;

/// <summary>
/// SQLite bulk path. The generator hands over rows in batches; a writer thread inserts them through prepared
/// statements bound by position with SQLite's own API (Microsoft.Data.Sqlite looks each parameter up by name on
/// every execution, which dominates at this volume), committing every 250,000 rows, so generating and writing use
/// both cores. Durability is relaxed (synchronous=OFF) only on this loading connection: a failed load is rerun into
/// a fresh file.
/// </summary>
public sealed class SqlitePopulationLoader(string connectionString) : IPopulationLoader
{
    private const int BatchRows = 4096;
    private const int RowsPerTransaction = 250_000;
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    private readonly SqliteConnection _connection = new(connectionString);
    private readonly BlockingCollection<object> _queue = new(boundedCapacity: 32);
    private readonly Dictionary<string, sqlite3_stmt> _statements = [];
    private readonly List<(string Name, string Sql)> _indexes = [];
    private List<RegistrationRow> _registrations = new(BatchRows);
    private List<ConsentVersion> _versions = new(BatchRows / 8);
    private Thread? _writer;
    private Exception? _writerFailure;
    private long _rowsInTransaction;

    public long NextSeq { get; private set; }

    public async Task<bool> HasPopulationAsync(CancellationToken ct)
    {
        await _connection.OpenAsync(ct);
        await using var command = _connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM practices), (SELECT coalesce(max(seq), 0) FROM consent_versions)";
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        NextSeq = reader.GetInt64(1) + 1;
        return reader.GetInt64(0) > 0;
    }

    public async Task BeginAsync(CancellationToken ct)
    {
        await using (var pragma = _connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-262144;";
            await pragma.ExecuteNonQueryAsync(ct);
        }

        // Secondary indexes are built once at the end (a sort) rather than row by row: keep the schema's own
        // definitions, drop them for the load, and run the same statements again in CompleteAsync.
        await using (var indexes = _connection.CreateCommand())
        {
            indexes.CommandText = """
                SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN
                ('patient_registrations', 'consent_search_tokens', 'consent_search_references', 'consent_versions')
                """;
            await using var reader = await indexes.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                _indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in _indexes)
        {
            await using var drop = _connection.CreateCommand();
#pragma warning disable CA2100 // Index names come from sqlite_master, i.e. from the registry's own schema scripts.
            drop.CommandText = $"DROP INDEX \"{name}\"";
#pragma warning restore CA2100
            await drop.ExecuteNonQueryAsync(ct);
        }

        Prepare("practices", "ods_code, name, sub_icb_code, sub_icb_name, icb_code, icb_name, region_code, region_name", 8);
        Prepare("patient_registrations", "nhs_number, practice_ods_code, sex, birth_year, registered_from_ticks", 5);
        Prepare("consent_versions", "seq, resource_id, version_id, is_deleted, last_updated_ticks, method, resource_json, status, " +
            "patient_nhs_number, date_start, date_end, period_start, period_end", 13);
        Prepare("consent_search_tokens", "version_seq, param, system, code, text", 5);
        Prepare("consent_search_references", "version_seq, param, target_type, target_id, url, identifier_system, identifier_value", 7);
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "sqlite-population-writer" };
        _writer.Start();
    }

    public void AddPractice(Practice practice) => Enqueue(practice);

    public void AddRegistration(long nhsNumber, string practiceOds, string sex, int birthYear, long registeredFromTicks)
    {
        _registrations.Add(new RegistrationRow(nhsNumber, practiceOds, sex, birthYear, registeredFromTicks));
        if (_registrations.Count == BatchRows)
        {
            Enqueue(_registrations);
            _registrations = new List<RegistrationRow>(BatchRows);
        }
    }

    public void AddConsentVersion(ConsentVersion version)
    {
        _versions.Add(version);
        if (_versions.Count == BatchRows / 8)
        {
            Enqueue(_versions);
            _versions = new List<ConsentVersion>(BatchRows / 8);
        }
    }

    public async Task CompleteAsync(CancellationToken ct)
    {
        Enqueue(_registrations);
        Enqueue(_versions);
        _queue.CompleteAdding();
        _writer!.Join();
        if (_writerFailure is not null)
        {
            throw new InvalidOperationException($"Loading into SQLite failed: {_writerFailure.Message}", _writerFailure);
        }

        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
        await using (var sort = _connection.CreateCommand())
        {
            // Index builds are external sorts: let SQLite use both cores and a large cache for them.
            sort.CommandText = "PRAGMA threads=2; PRAGMA cache_size=-2097152;";
            await sort.ExecuteNonQueryAsync(ct);
        }

        foreach (var (_, sql) in _indexes)
        {
            await using var create = _connection.CreateCommand();
#pragma warning disable CA2100 // The schema's own CREATE INDEX statements, read back from sqlite_master.
            create.CommandText = sql;
#pragma warning restore CA2100
            await create.ExecuteNonQueryAsync(ct);
        }

        await using var command = _connection.CreateCommand();
        // Statistics from a bounded sample of each index (enough for the planner) rather than a full scan.
        command.CommandText = "PRAGMA synchronous=FULL; PRAGMA wal_checkpoint(TRUNCATE); PRAGMA analysis_limit=1000; ANALYZE;";
        await command.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_queue.IsAddingCompleted)
        {
            _queue.CompleteAdding();
            _writer?.Join();
        }

        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        await _connection.DisposeAsync();
        _queue.Dispose();
    }

    private void Enqueue(object batch)
    {
        if (_writerFailure is not null)
        {
            throw new InvalidOperationException($"Loading into SQLite failed: {_writerFailure.Message}", _writerFailure);
        }

        _queue.Add(batch);
    }

    private void WriteLoop()
    {
        try
        {
            var db = _connection.Handle!;
            // These raw statements bypass Microsoft.Data.Sqlite's own retry on a locked database, so wait in SQLite
            // instead: a running API (its audit, fan-out and jobs) may hold the write lock for a moment between
            // this loader's transactions, and a load must wait for it rather than fail.
            raw.sqlite3_busy_timeout(db, (int)LockWait.TotalMilliseconds);
            Exec(db, "BEGIN");
            foreach (var batch in _queue.GetConsumingEnumerable())
            {
                switch (batch)
                {
                    case Practice p:
                        Insert("practices", s =>
                        {
                            Text(s, 1, p.OdsCode); Text(s, 2, p.Name); Text(s, 3, p.SubIcbCode); Text(s, 4, p.SubIcbName);
                            Text(s, 5, p.IcbCode); Text(s, 6, p.IcbName); Text(s, 7, p.RegionCode); Text(s, 8, p.RegionName);
                        });
                        break;
                    case List<RegistrationRow> rows:
                        var registration = _statements["patient_registrations"];
                        foreach (var r in rows)
                        {
                            raw.sqlite3_bind_int64(registration, 1, r.NhsNumber);
                            Text(registration, 2, r.PracticeOds);
                            Text(registration, 3, r.Sex);
                            raw.sqlite3_bind_int64(registration, 4, r.BirthYear);
                            raw.sqlite3_bind_int64(registration, 5, r.RegisteredFromTicks);
                            Step(registration);
                        }

                        break;
                    case List<ConsentVersion> versions:
                        foreach (var v in versions)
                        {
                            InsertVersion(v);
                        }

                        break;
                }

                if (_rowsInTransaction >= RowsPerTransaction)
                {
                    Exec(db, "COMMIT");
                    Exec(db, "BEGIN");
                    _rowsInTransaction = 0;
                }
            }

            Exec(db, "COMMIT");
        }
        catch (InvalidOperationException ex)
        {
            _writerFailure = ex;
            foreach (var _ in _queue.GetConsumingEnumerable())
            {
                // Drain so the generator is not left blocked; it sees the failure on its next hand-over.
            }
        }
    }

    private void InsertVersion(ConsentVersion v)
    {
        var version = _statements["consent_versions"];
        raw.sqlite3_bind_int64(version, 1, v.Seq);
        Text(version, 2, v.ResourceId);
        raw.sqlite3_bind_int64(version, 3, v.VersionId);
        raw.sqlite3_bind_int64(version, 4, v.IsDeleted ? 1 : 0);
        raw.sqlite3_bind_int64(version, 5, v.LastUpdatedTicks);
        Text(version, 6, v.Method);
        Text(version, 7, v.ResourceJson);
        Text(version, 8, v.Status);
        Text(version, 9, v.PatientNhsNumber);
        Int(version, 10, v.DateStart);
        Int(version, 11, v.DateEnd);
        Int(version, 12, v.PeriodStart);
        Int(version, 13, v.PeriodEnd);
        Step(version);
        var token = _statements["consent_search_tokens"];
        foreach (var t in v.Tokens)
        {
            raw.sqlite3_bind_int64(token, 1, v.Seq);
            Text(token, 2, t.Param);
            Text(token, 3, t.System);
            Text(token, 4, t.Code);
            Text(token, 5, t.Text);
            Step(token);
        }

        var reference = _statements["consent_search_references"];
        foreach (var r in v.References)
        {
            raw.sqlite3_bind_int64(reference, 1, v.Seq);
            Text(reference, 2, r.Param);
            Text(reference, 3, r.TargetType);
            Text(reference, 4, r.TargetId);
            Text(reference, 5, r.Url);
            Text(reference, 6, r.IdentifierSystem);
            Text(reference, 7, r.IdentifierValue);
            Step(reference);
        }
    }

    private void Insert(string table, Action<sqlite3_stmt> bind)
    {
        var statement = _statements[table];
        bind(statement);
        Step(statement);
    }

    private void Step(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        if (rc != raw.SQLITE_DONE)
        {
            throw new InvalidOperationException($"SQLite error {rc}: {raw.sqlite3_errmsg(_connection.Handle).utf8_to_string()}");
        }

        raw.sqlite3_reset(statement);
        _rowsInTransaction++;
    }

    private static void Text(sqlite3_stmt statement, int index, string? value)
    {
        if (value is null)
        {
            raw.sqlite3_bind_null(statement, index);
        }
        else
        {
            raw.sqlite3_bind_text(statement, index, value);
        }
    }

    private static void Int(sqlite3_stmt statement, int index, long? value)
    {
        if (value is { } number)
        {
            raw.sqlite3_bind_int64(statement, index, number);
        }
        else
        {
            raw.sqlite3_bind_null(statement, index);
        }
    }

    private void Exec(sqlite3 db, string sql)
    {
        var rc = raw.sqlite3_exec(db, sql);
        if (rc != raw.SQLITE_OK)
        {
            throw new InvalidOperationException($"SQLite error {rc} on {sql}: {raw.sqlite3_errmsg(_connection.Handle).utf8_to_string()}");
        }
    }

    private void Prepare(string table, string columnList, int columns)
    {
        var placeholders = string.Join(", ", Enumerable.Range(1, columns).Select(i => "?" + i));
        var rc = raw.sqlite3_prepare_v2(_connection.Handle, $"INSERT INTO {table} ({columnList}) VALUES ({placeholders})", out sqlite3_stmt statement);
        if (rc != raw.SQLITE_OK)
        {
            throw new InvalidOperationException($"SQLite could not prepare the insert into {table}: {raw.sqlite3_errmsg(_connection.Handle).utf8_to_string()}");
        }

        _statements[table] = statement;
    }

    private readonly record struct RegistrationRow(long NhsNumber, string PracticeOds, string Sex, int BirthYear, long RegisteredFromTicks);
}
