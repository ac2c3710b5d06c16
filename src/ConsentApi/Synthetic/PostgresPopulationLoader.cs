using ConsentApi.Consents;
using ConsentApi.Population;
using Npgsql;
using NpgsqlTypes;

namespace ConsentApi.Synthetic;

/// <summary>
/// PostgreSQL bulk path: binary COPY. Registrations stream through one COPY on their own connection; Consent
/// versions are gathered in batches and copied with their search rows on a second connection (versions first, so the
/// search rows' foreign keys hold). Sequences are moved past the loaded rows at the end.
/// </summary>
public sealed class PostgresPopulationLoader(string connectionString) : IPopulationLoader
{
    private const int VersionBatch = 20_000;
    private readonly NpgsqlConnection _consents = new(connectionString);
    private readonly NpgsqlConnection _registrations = new(connectionString);
    private readonly List<ConsentVersion> _pending = new(VersionBatch);
    private readonly List<Practice> _practices = [];
    private readonly List<(string Name, string Definition)> _indexes = [];
    private NpgsqlBinaryImporter? _registrationCopy;

    public long NextSeq { get; private set; }

    public async Task<bool> HasPopulationAsync(CancellationToken ct)
    {
        await _consents.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM practices), (SELECT coalesce(max(seq), 0) FROM consent_versions)", _consents);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        NextSeq = reader.GetInt64(1) + 1;
        return reader.GetInt64(0) > 0;
    }

    public async Task BeginAsync(CancellationToken ct)
    {
        // Secondary indexes are built once at the end (a sort) rather than row by row: keep the schema's own
        // definitions, drop them for the load, and run the same statements again in CompleteAsync.
        await using (var read = new NpgsqlCommand("""
            SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname NOT LIKE '%pkey'
            AND tablename IN ('patient_registrations', 'consent_search_tokens', 'consent_search_references', 'consent_versions')
            """, _consents))
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                _indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in _indexes)
        {
            await using var drop = new NpgsqlCommand($"DROP INDEX \"{name}\"", _consents);
            await drop.ExecuteNonQueryAsync(ct);
        }

        await _registrations.OpenAsync(ct);
        _registrationCopy = await _registrations.BeginBinaryImportAsync(
            "COPY patient_registrations (nhs_number, practice_ods_code, sex, birth_year, registered_from_ticks) FROM STDIN (FORMAT BINARY)", ct);
    }

    public void AddPractice(Practice practice) => _practices.Add(practice);

    public void AddRegistration(long nhsNumber, string practiceOds, string sex, int birthYear, long registeredFromTicks)
    {
        var copy = _registrationCopy!;
        copy.StartRow();
        copy.Write(nhsNumber, NpgsqlDbType.Bigint);
        copy.Write(practiceOds, NpgsqlDbType.Varchar);
        copy.Write(sex, NpgsqlDbType.Varchar);
        copy.Write(birthYear, NpgsqlDbType.Integer);
        copy.Write(registeredFromTicks, NpgsqlDbType.Bigint);
    }

    public void AddConsentVersion(ConsentVersion version)
    {
        _pending.Add(version);
        if (_pending.Count >= VersionBatch)
        {
            FlushVersions();
        }
    }

    public async Task CompleteAsync(CancellationToken ct)
    {
        FlushVersions();
        await _registrationCopy!.CompleteAsync(ct);
        await _registrationCopy.DisposeAsync();
        _registrationCopy = null;
        await using (var copy = await _consents.BeginBinaryImportAsync(
            "COPY practices (ods_code, name, sub_icb_code, sub_icb_name, icb_code, icb_name, region_code, region_name) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var p in _practices)
            {
                await copy.WriteRowAsync(ct, p.OdsCode, p.Name, p.SubIcbCode, p.SubIcbName, p.IcbCode, p.IcbName, p.RegionCode, p.RegionName);
            }

            await copy.CompleteAsync(ct);
        }

        await using (var memory = new NpgsqlCommand("SET maintenance_work_mem = '1GB'", _consents))
        {
            await memory.ExecuteNonQueryAsync(ct);
        }

        foreach (var (_, definition) in _indexes)
        {
            await using var create = new NpgsqlCommand(definition, _consents) { CommandTimeout = 0 };
            await create.ExecuteNonQueryAsync(ct);
        }

        await using var finish = new NpgsqlCommand("""
            SELECT setval(pg_get_serial_sequence('consent_versions', 'seq'), (SELECT max(seq) FROM consent_versions));
            ANALYZE consent_versions; ANALYZE consent_search_tokens; ANALYZE consent_search_references; ANALYZE patient_registrations; ANALYZE practices;
            """, _consents) { CommandTimeout = 0 };
        await finish.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_registrationCopy is not null)
        {
            await _registrationCopy.DisposeAsync();
        }

        await _registrations.DisposeAsync();
        await _consents.DisposeAsync();
    }

    private void FlushVersions()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        using var transaction = _consents.BeginTransaction();
        using (var copy = _consents.BeginBinaryImport("""
            COPY consent_versions (seq, resource_id, version_id, is_deleted, last_updated_ticks, method, resource_json, status, patient_nhs_number,
                date_start, date_end, period_start, period_end) FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var v in _pending)
            {
                copy.StartRow();
                copy.Write(v.Seq, NpgsqlDbType.Bigint);
                copy.Write(v.ResourceId, NpgsqlDbType.Varchar);
                copy.Write(v.VersionId, NpgsqlDbType.Integer);
                copy.Write(v.IsDeleted, NpgsqlDbType.Boolean);
                copy.Write(v.LastUpdatedTicks, NpgsqlDbType.Bigint);
                copy.Write(v.Method, NpgsqlDbType.Varchar);
                WriteNullable(copy, v.ResourceJson, NpgsqlDbType.Text);
                WriteNullable(copy, v.Status, NpgsqlDbType.Varchar);
                WriteNullable(copy, v.PatientNhsNumber, NpgsqlDbType.Varchar);
                WriteNullable(copy, v.DateStart, NpgsqlDbType.Bigint);
                WriteNullable(copy, v.DateEnd, NpgsqlDbType.Bigint);
                WriteNullable(copy, v.PeriodStart, NpgsqlDbType.Bigint);
                WriteNullable(copy, v.PeriodEnd, NpgsqlDbType.Bigint);
            }

            copy.Complete();
        }

        using (var copy = _consents.BeginBinaryImport("COPY consent_search_tokens (version_seq, param, system, code, text) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var v in _pending)
            {
                foreach (var t in v.Tokens)
                {
                    copy.StartRow();
                    copy.Write(v.Seq, NpgsqlDbType.Bigint);
                    copy.Write(t.Param, NpgsqlDbType.Varchar);
                    WriteNullable(copy, t.System, NpgsqlDbType.Varchar);
                    WriteNullable(copy, t.Code, NpgsqlDbType.Varchar);
                    WriteNullable(copy, t.Text, NpgsqlDbType.Varchar);
                }
            }

            copy.Complete();
        }

        using (var copy = _consents.BeginBinaryImport("""
            COPY consent_search_references (version_seq, param, target_type, target_id, url, identifier_system, identifier_value) FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var v in _pending)
            {
                foreach (var r in v.References)
                {
                    copy.StartRow();
                    copy.Write(v.Seq, NpgsqlDbType.Bigint);
                    copy.Write(r.Param, NpgsqlDbType.Varchar);
                    WriteNullable(copy, r.TargetType, NpgsqlDbType.Varchar);
                    WriteNullable(copy, r.TargetId, NpgsqlDbType.Varchar);
                    WriteNullable(copy, r.Url, NpgsqlDbType.Varchar);
                    WriteNullable(copy, r.IdentifierSystem, NpgsqlDbType.Varchar);
                    WriteNullable(copy, r.IdentifierValue, NpgsqlDbType.Varchar);
                }
            }

            copy.Complete();
        }

        transaction.Commit();
        _pending.Clear();
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, type);
        }
    }
}
