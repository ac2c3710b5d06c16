using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ConsentPortal.Registry;

/// <summary>
/// The registry's access audit (FHIR AuditEvent) put into plain words for the person it is about: what kind of
/// access, for what purpose, and for a decision what the answer was and which of their choices gave it. The audit's
/// own notes are written for developers; this is the only place that reads them.
/// </summary>
public static partial class AccessWords
{
    private static readonly Dictionary<string, string> Purposes = new(StringComparer.Ordinal)
    {
        ["TREAT"] = "your care",
        ["ETREAT"] = "emergency care",
        ["COC"] = "continuity of your care",
        ["HRESCH"] = "research",
        ["CLINTRCH"] = "clinical trial research",
        ["HOPERAT"] = "planning and running health services",
        ["PUBHLTH"] = "public health",
        ["POPHLTH"] = "population health",
        ["HPAYMT"] = "payment checks",
        ["HQUALIMP"] = "improving the quality of care",
        ["HMARKT"] = "marketing",
        ["research-contact"] = "contacting you about research",
    };

    /// <summary>A purpose of use in plain words, from its code or "system|code" ("research"); unknown codes as given.</summary>
    public static string Purpose(string coding) =>
        Purposes.TryGetValue(CatalogueWords.CodeOf(coding), out var words) ? words : coding;

    /// <summary>The purposes of the access in plain words ("research, planning and running health services").</summary>
    public static string PurposeOf(JsonElement auditEvent) => string.Join(", ", auditEvent.Items("purposeOfEvent")
        .SelectMany(p => p.Items("coding")).Select(c => Purposes.GetValueOrDefault(c.Text("code")) ?? c.Text("code")).Distinct());

    /// <summary>
    /// What happened, in a sentence; <paramref name="policyTitles"/> names the choices by the catalogue's titles and
    /// <paramref name="recipients"/> names a bulk check's recipient by its disclosure register entry.
    /// </summary>
    public static string Describe(JsonElement auditEvent, IReadOnlyDictionary<string, string> policyTitles, IReadOnlyDictionary<string, string> recipients)
    {
        var note = auditEvent.Items("entity").FirstOrDefault().Text("description");
        return (auditEvent.Items("subtype").Select(s => s.Text("code")).FirstOrDefault() ?? "") switch
        {
            "read" or "vread" => "Read your choice",
            "search" => "Looked up your choices",
            "history" => "Read the history of your choices",
            "notification" => "Was sent a change to your choices (it asked to be told of them)",
            "export" => "Copied your choices in a bulk export",
            "evaluate" or "cds" => Decision(note, policyTitles),
            "bulk-check" => BulkCheck(note, recipients),
            "create" or "update" or "delete" => note.StartsWith("Consent/", StringComparison.Ordinal) ? $"Changed your choices (reference {note})" : "Changed your choices",
            "registration" => $"Updated which GP practice you are registered with, as the national records show ({note})",
            _ => "Looked at your choices",
        };
    }

    private static string Decision(string note, IReadOnlyDictionary<string, string> policyTitles)
    {
        var answers = DecisionNote().Matches(note).Select(m =>
        {
            var choice = m.Groups["policy"].Success ? policyTitles.GetValueOrDefault(m.Groups["policy"].Value, m.Groups["policy"].Value) : null;
            var purpose = Purposes.GetValueOrDefault(m.Groups["purpose"].Value, m.Groups["purpose"].Value);
            return m.Groups["answer"].Value == "permit"
                ? $"for {purpose}: yes" + (m.Groups["exemption"].Success ? " (your objection was not followed; see \"When your objection was not followed\")" : "")
                : $"for {purpose}: no" + (choice is null ? "" : $", because of your choice \"{choice}\"");
        }).ToList();
        return answers.Count == 0 ? "Asked whether your data may be used" : $"Asked whether your data may be used {string.Join("; ", answers)}";
    }

    private static string BulkCheck(string note, IReadOnlyDictionary<string, string> recipients)
    {
        var m = BulkNote().Match(note);
        var people = PeopleCovered().Match(note) is { Success: true } p ? $"{p.Groups[1].Value} people" : "a list of people";
        if (!m.Success)
        {
            return $"Included you in a check of {people}";
        }

        var (disclosure, ods) = (m.Groups["disclosure"].Value, m.Groups["to"].Value);
        var recipient = recipients.TryGetValue(disclosure, out var name) ? $"{name} ({ods})" : $"organisation {ods}";
        return string.Create(CultureInfo.InvariantCulture, $"Included you in a check of {people} before data was shared with {recipient} (entry {disclosure} in the disclosure register)");
    }

    [GeneratedRegex(@"(?<answer>permit|deny) (?<purpose>[\w-]+) for \S+(?: under (?<policy>[\w-]+))?(?<exemption> \(exemption: [^)]+\))?")]
    private static partial Regex DecisionNote();

    [GeneratedRegex(@"for disclosure (?<disclosure>\S+) to (?<to>[^:\s]+):")]
    private static partial Regex BulkNote();

    [GeneratedRegex(@"One of ([\d,]+) people")]
    private static partial Regex PeopleCovered();
}
