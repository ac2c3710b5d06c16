namespace ConsentApi.Audit;

/// <summary>Links a person to an audit record that touched their record (many per record for searches and bulk checks).</summary>
public sealed class AuditPatientLink
{
    public long NhsNumber { get; set; }
    public long AuditSeq { get; set; }
}
