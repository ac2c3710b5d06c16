using ConsentApi.Persistence;

namespace ConsentApi.Audit;

/// <summary>
/// The audit tables' inserts (records, and their links to people). The audit writer keeps one for its long-lived
/// connection, so its statements are prepared once rather than for every batch; a one-off append makes its own.
/// </summary>
public sealed class AuditInserts : IAsyncDisposable
{
    public MultiRowInsert Records { get; } = new("""
        INSERT INTO audit_events (seq, recorded_ticks, kind, action, outcome, agent_type, agent_id, agent_org, agent_name,
            patient_nhs_number, patient_count, purpose, detail, prev_hash, hash) VALUES
        """, 15);

    /// <summary>Links to people on PostgreSQL, straight into the person-ordered index.</summary>
    public MultiRowInsert Links { get; } = new("INSERT INTO audit_event_patients (nhs_number, audit_seq) VALUES", 2);

    /// <summary>Links to people on SQLite, appended to the tail in record order (decision 12).</summary>
    public MultiRowInsert TailLinks { get; } = new("INSERT INTO audit_link_tail (nhs_number, audit_seq) VALUES", 2);

    public async ValueTask DisposeAsync()
    {
        await Records.DisposeAsync();
        await Links.DisposeAsync();
        await TailLinks.DisposeAsync();
    }
}
