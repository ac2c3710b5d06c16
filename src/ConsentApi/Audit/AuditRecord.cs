namespace ConsentApi.Audit;

/// <summary>
/// One access-audit record as stored: who, what kind of access, whose record (one person, or how many), why,
/// the outcome, and the hash chaining it to the record before. Append-only.
/// </summary>
public sealed class AuditRecord
{
    public long Seq { get; set; }
    public long RecordedTicks { get; set; }

    /// <summary>read, vread, history, search, evaluate, cds, bulk-check.</summary>
    public required string Kind { get; set; }

    /// <summary>FHIR AuditEvent.action: R (read) or E (execute).</summary>
    public required string Action { get; set; }

    /// <summary>FHIR AuditEvent.outcome: 0 success, 4 minor failure.</summary>
    public required string Outcome { get; set; }
    public required string AgentType { get; set; }
    public required string AgentId { get; set; }
    public string? AgentOrg { get; set; }
    public string? AgentName { get; set; }

    /// <summary>The person, when the access touched exactly one.</summary>
    public string? PatientNhsNumber { get; set; }
    public long PatientCount { get; set; }

    /// <summary>The purpose of use as system|code.</summary>
    public string? Purpose { get; set; }
    public string? Detail { get; set; }
    public required string PrevHash { get; set; }
    public required string Hash { get; set; }
}
