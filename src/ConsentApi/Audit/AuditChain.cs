using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ConsentApi.Audit;

/// <summary>
/// The hash chain that makes the audit tamper-evident: each record's hash is SHA-256 over the previous record's hash
/// and every field of this one, so changing, removing or reordering any record breaks every hash after it.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first record.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Hash(AuditRecord r)
    {
        var text = string.Join('\u001f',
            r.PrevHash,
            r.Seq.ToString(CultureInfo.InvariantCulture),
            r.RecordedTicks.ToString(CultureInfo.InvariantCulture),
            r.Kind, r.Action, r.Outcome, r.AgentType, r.AgentId, r.AgentOrg ?? string.Empty, r.AgentName ?? string.Empty,
            r.PatientNhsNumber ?? string.Empty,
            r.PatientCount.ToString(CultureInfo.InvariantCulture),
            r.Purpose ?? string.Empty, r.Detail ?? string.Empty);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
