using System.Text.Json;

namespace ConsentPortal.Registry;

/// <summary>
/// How and by whom a version of a choice was recorded, in plain words: the channel it was captured through (the
/// national data opt-out's codes) and the recorder the registry stamped from the token that wrote it.
/// </summary>
public static class ChoiceProvenance
{
    public const string ChannelExtension = "https://consentregistry.example/fhir/StructureDefinition/capture-channel";
    public const string RecordedBySystem = "https://consentregistry.example/fhir/CodeSystem/recorded-by";

    /// <summary>How the choice was made ("online", "at a GP practice"...), or null when the version does not say.</summary>
    public static string? Channel(JsonElement consent) =>
        consent.Items("extension").FirstOrDefault(e => e.Text("url") == ChannelExtension).Text("valueCode") switch
        {
            "OP" => "online",
            "GP" => "at a GP practice",
            "PFSP" => "in an NHS app",
            "FN" => "on a form on NHS.UK",
            "CC" => "by phone",
            "PP" => "by post",
            _ => null,
        };

    /// <summary>Who recorded the version, seen from the person looking at the history (the person or their proxy).</summary>
    public static string RecordedBy(JsonElement consent, bool viewerIsThePerson)
    {
        var tag = consent.Child("meta").Items("tag").FirstOrDefault(t => t.Text("system") == RecordedBySystem);
        return tag.Text("code") switch
        {
            "patient" => viewerIsThePerson ? "You" : "They did, themselves",
            "proxy" => tag.Text("display") is { Length: > 0 } who ? who : "A proxy",
            { Length: > 0 } => tag.Text("display") is { Length: > 0 } who ? who : "An organisation",
            _ => consent.Items("organization").Select(o => o.Child("identifier").Text("value")).FirstOrDefault(v => v.Length > 0) is { } ods
                ? $"Organisation {ods}" : "Not recorded",
        };
    }
}
