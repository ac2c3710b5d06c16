namespace ConsentApi.Audit;

/// <summary>
/// What a handler asks the audit to record. <see cref="Patients"/> are linked now; a bulk check sets
/// <see cref="PatientCount"/> and leaves its million people to be linked in the background.
/// </summary>
public sealed record AuditEntry(string Kind, string Action, AuditActor Actor, IReadOnlyCollection<long> Patients, string? Purpose,
    string? Detail, string Outcome = "0")
{
    public long PatientCount { get; init; } = Patients.Count;
}
