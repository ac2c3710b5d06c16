using ConsentApi.Consents;
using Hl7.Fhir.Model;

namespace ConsentApi.Demo;

/// <summary>
/// Demonstration Consents: national data opt-outs and Type 1 objections for a few synthetic people with valid
/// test-style NHS numbers, captured through different channels.
/// </summary>
public static class DemoConsents
{
    public const string DemoIdentifierSystem = "https://consentregistry.example/Id/demo-consent";

    public static IReadOnlyList<(string Key, Consent Consent)> All() =>
    [
        ("demo-001", ObjectionConsents.NationalDataOptOut("9434765919", "OP", "2025-06-02T10:15:00Z")),
        ("demo-003", ObjectionConsents.NationalDataOptOut("9434765870", "CC", "2024-11-20T14:02:00Z")),
        ("demo-004", ObjectionConsents.TypeOne("9434765870", "GP", "2018-03-14T09:30:00Z", "A81002")),
        ("demo-005", ObjectionConsents.NationalDataOptOut("9000000009", "PP", "2026-01-09T11:45:00Z")),
        ("demo-006", ObjectionConsents.TypeOne("9000000017", "GP", "2014-02-21T16:05:00Z", "B82005")),
    ];
}
