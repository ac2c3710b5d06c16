using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using ConsentApi.Decisions;
using ConsentApi.Tests.Support;
using FhirAdapters.Json;
using FhirAdapters.Tests.Builders;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;

namespace ConsentApi.Tests.Decisions;

/// <summary>
/// The decision index's own reader of stored versions against the SDK's full parse: on every version of a database
/// written before the SDK and on Consents built with every decision element, it reads exactly what the full parse
/// reads where a decision can look; on anything it has no rule for, it declines (and the index parses whole).
/// </summary>
public sealed class DecisionElementsReaderTests
{
    [Fact]
    public void TryRead_WhenGivenEveryVersionStoredBeforeTheSdk_ThenItReadsWhatTheFullParseReads()
    {
        var versions = LegacyVersions();

        Assert.True(versions.Count > 150, $"{versions.Count} versions");
        Assert.All(versions, json => Assert.Equal(Project(FhirJson.Parse<Consent>(json)), Project(Read(json))));
    }

    [Fact]
    public void TryRead_WhenEveryDecisionElementIsPresent_ThenItReadsWhatTheFullParseReads()
    {
        var consent = new ConsentBuilder().WithPolicy("national-data-opt-out").WithDateTime("2026-03-01T09:30:00+01:00").WithPeriod("2026-03-01", "2027-02-28")
            .WithOrganization("A81001").WithIdentifier("https://example.org/consents", "c-1").With(c =>
            {
                c.PolicyRule = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTOUT");
                c.Provision!.Actor =
                [
                    new Consent.provisionActorComponent { Role = Recipient, Reference = new ResourceReference { Identifier = new Identifier("https://fhir.nhs.uk/Id/ods-organization-code", "X26") } },
                    new Consent.provisionActorComponent { Role = Recipient, Reference = new ResourceReference("Practitioner/p1") },
                ];
                c.Provision.Provision =
                [
                    new Consent.provisionComponent { Type = Consent.ConsentProvisionType.Permit, Purpose = [new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "TREAT")],
                        Provision = [new Consent.provisionComponent { Type = Consent.ConsentProvisionType.Deny, Period = new Period { End = "2026-06-30" } }] },
                ];
                c.Provision.Action = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentaction", "disclose")];
                c.Meta = new Meta { VersionId = "3", LastUpdated = DateTimeOffset.UnixEpoch };
            }).Build();
        var json = FhirJson.Serialize(consent);

        var read = DecisionElementsReader.TryRead(Encoding.UTF8.GetBytes(json));

        Assert.NotNull(read);
        Assert.Equal(Project(FhirJson.Parse<Consent>(json)), Project(read));
        Assert.Contains("Practitioner/p1", Project(read), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"modifierExtension\":[{\"url\":\"https://example.org/x\",\"valueBoolean\":true}],")]
    [InlineData("\"implicitRules\":\"https://example.org/rules\",")]
    [InlineData("\"_dateTime\":{\"extension\":[{\"url\":\"https://example.org/x\",\"valueString\":\"y\"}]},")]
    [InlineData("\"somethingNew\":1,")]
    public void TryRead_WhenTheVersionHoldsSomethingItHasNoRuleFor_ThenItDeclines(string element)
    {
        var json = FhirJson.Serialize(new ConsentBuilder().Build()).Replace("\"status\":", element + "\"status\":", StringComparison.Ordinal);

        Assert.Null(DecisionElementsReader.TryRead(Encoding.UTF8.GetBytes(json)));
    }

    private static CodeableConcept Recipient => new("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP");

    private static Consent Read(string json) =>
        DecisionElementsReader.TryRead(Encoding.UTF8.GetBytes(json)) ?? throw new InvalidOperationException($"Declined a stored version: {json}");

    /// <summary>Everything a decision can look at, as text.</summary>
    private static string Project(Consent consent) =>
        string.Join(" | ", consent.Status, consent.Patient?.Identifier?.System, consent.Patient?.Identifier?.Value, consent.DateTime,
            string.Join(",", consent.Policy.Select(p => p.Uri)), string.Join(",", consent.PolicyRule?.Coding.Select(c => c.System + "#" + c.Code) ?? []),
            Project(consent.Provision), RuntimeHelpers.GetHashCode(ProvisionRule.Compile(consent.Provision))); // rules are interned: one object per rule

    private static string Project(Consent.provisionComponent? provision) => provision is null
        ? "-"
        : $"{provision.Type} [{provision.Period?.Start}..{provision.Period?.End}] ({string.Join(",", provision.Purpose.Select(p => p.System + "#" + p.Code))}) "
            + $"<{string.Join(",", provision.Actor.Select(a => $"{a.Reference?.Identifier?.System}#{a.Reference?.Identifier?.Value}@{a.Reference?.Reference}"))}> "
            + $"{{{string.Join("; ", provision.Provision.Select(Project))}}}";

    private static List<string> LegacyVersions()
    {
        var file = Path.Combine(Path.GetTempPath(), $"legacy-{Guid.NewGuid():N}.db");
        try
        {
            using (var compressed = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Persistence", "Legacy", LegacyDatabaseApiFactory.Fixture)))
            using (var gzip = new GZipStream(compressed, CompressionMode.Decompress))
            using (var database = File.Create(file))
            {
                gzip.CopyTo(database);
            }

            using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT resource_json FROM consent_versions WHERE resource_json IS NOT NULL";
            using var reader = command.ExecuteReader();
            var versions = new List<string>();
            while (reader.Read())
            {
                versions.Add(reader.GetString(0));
            }

            return versions;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
