using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConsentPortal.Registry;

/// <summary>
/// A person's choices through the registry's own API, with their token: the catalogue of policies, their Consent under
/// each (one per policy, as the registry requires), and recording a change as a new version of it. A double
/// submission records nothing twice: a new Consent carries the form's request id (If-None-Exist), a change carries
/// the version it was made against (If-Match).
/// </summary>
public sealed class PatientChoices(RegistryApi api)
{
    public const string NhsSystem = "https://fhir.nhs.uk/Id/nhs-number";
    public const string RequestSystem = "https://consentregistry.example/portal-request";

    /// <summary>A policy as the portal shows it, with the person's Consent under it (if any).</summary>
    public sealed record Choice(JsonElement Policy, JsonElement? Consent)
    {
        public string Id => Policy.Text("id");
        public bool Objects => Consent is { } c && c.Text("status") == "active" && c.Child("provision").Text("type") == "deny";
        public bool DefaultAllows => Policy.Text("defaultDecision") == "permit";

        /// <summary>Whether the person's data may be used under this policy as things stand (their choice, or the default).</summary>
        public bool Allows => Consent is { } c && c.Text("status") == "active" ? c.Child("provision").Text("type") != "deny" : DefaultAllows;

        public string? MadeOn => Consent is { } c && DateTimeOffset.TryParse(c.Text("dateTime"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) : null;

        public string? Channel => Consent is { } c ? ChoiceProvenance.Channel(c) : null;
    }

    public async Task<IReadOnlyList<Choice>> LoadAsync(string nhs, CancellationToken ct)
    {
        var catalogue = await api.GetAsync<JsonElement>("/policies", ct);
        var bundle = await api.GetAsync<JsonElement>($"/fhir/Consent?patient.identifier={Uri.EscapeDataString(NhsSystem + "|" + nhs)}&_count=100", ct);
        var consents = bundle.Items("entry").Select(e => e.Child("resource")).ToList();
        return [.. catalogue.Items("policies").Where(p => p.Text("status") == "active").Select(p => new Choice(p,
            consents.Where(c => c.Items("policy").Any(x => x.Text("uri") == p.Text("uri"))).Select(c => (JsonElement?)c).FirstOrDefault()))];
    }

    /// <summary>Records the person's choice under the policy; returns the reference of the version written (or already there).</summary>
    public async Task<string> RecordAsync(string nhs, Choice choice, bool allow, string requestId, CancellationToken ct)
    {
        JsonElement written;
        if (choice.Consent is { } existing)
        {
            var node = JsonNode.Parse(existing.GetRawText())!.AsObject();
            node.Remove("meta");
            node.Remove("text");
            node["dateTime"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            if (allow && !choice.DefaultAllows || !allow)
            {
                node["status"] = "active";
                node["provision"] = Provision(choice.Policy, allow ? "permit" : "deny");
            }
            else
            {
                // Back to the default (which allows): the choice is withdrawn, and its history stays.
                node["status"] = "inactive";
            }

            written = await api.WriteFhirAsync(HttpMethod.Put, $"/fhir/Consent/{existing.Text("id")}", node.ToJsonString(), ct,
                ifMatch: $"W/\"{existing.Child("meta").Text("versionId")}\"");
        }
        else
        {
            var consent = new JsonObject
            {
                ["resourceType"] = "Consent",
                ["identifier"] = new JsonArray(new JsonObject { ["system"] = RequestSystem, ["value"] = requestId }),
                ["status"] = "active",
                ["scope"] = Concept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"),
                ["category"] = new JsonArray(Concept("http://loinc.org", "59284-0")),
                ["patient"] = new JsonObject { ["identifier"] = new JsonObject { ["system"] = NhsSystem, ["value"] = nhs } },
                ["dateTime"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["policy"] = new JsonArray(new JsonObject { ["uri"] = choice.Policy.Text("uri") }),
                ["provision"] = Provision(choice.Policy, allow ? "permit" : "deny"),
            };
            written = await api.WriteFhirAsync(HttpMethod.Post, "/fhir/Consent", consent.ToJsonString(), ct,
                ifNoneExist: $"identifier={RequestSystem}|{requestId}");
        }

        return $"Consent/{written.Text("id")}/_history/{written.Child("meta").Text("versionId")}";
    }

    private static JsonObject Provision(JsonElement policy, string type) => new()
    {
        ["type"] = type,
        ["purpose"] = new JsonArray([.. policy.Items("purposes").Select(p => (JsonNode)new JsonObject
        {
            ["system"] = p.Text("system") is { Length: > 0 } s ? s : "http://terminology.hl7.org/CodeSystem/v3-ActReason",
            ["code"] = p.Text("code"),
        })]),
    };

    private static JsonObject Concept(string system, string code) => new() { ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code }) };
}
