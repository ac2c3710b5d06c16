using System.Text.RegularExpressions;
using ConsentApi.Tests.Support;
using FhirAdapters.Primitives;
using FhirAdapters.Tests.Builders;
using Hl7.Fhir.Model;

namespace ConsentApi.Tests.Consents;

/// <summary>
/// The narrow search by NHS number (one hand-written statement) against the general path on the same data: a Consent
/// kept, one made inactive, one deleted and made again, and one moved to someone else. <c>_total=none</c> changes no
/// answer but sends the search down the general path.
/// </summary>
public abstract partial class PatientSearchTests(ApiFactory api)
{
    private readonly TestFhirClient _fhir = api.CreateFhirClient();

    public static TheoryData<string> Shapes() => new()
    {
        "",
        "status=active",
        "status=inactive",
        "status=http://hl7.org/fhir/consent-state-codes|active",
        "status=rejected",
        "policy=" + ConsentBuilder.PolicyBase + "type-3",
        "policy=" + ConsentBuilder.PolicyBase + "type-4",
        "status=active&policy=" + ConsentBuilder.PolicyBase + "type-1",
        "_count=1",
        "_count=2&status=active",
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Search_WhenOnlyByNhsNumber_ThenSameAnswerAsTheGeneralPath(string shape)
    {
        var nhs = TestNhsNumbers.Next();
        await _fhir.CreateAsync(new ConsentBuilder(nhs).WithPolicy("type-1").Build());
        var changed = (await _fhir.CreateAsync(new ConsentBuilder(nhs).WithPolicy("type-2").Build())).Resource;
        changed.Status = Consent.ConsentState.Inactive;
        await _fhir.UpdateAsync(changed);
        var deleted = (await _fhir.CreateAsync(new ConsentBuilder(nhs).WithPolicy("type-3").Build())).Resource;
        await _fhir.DeleteAsync("Consent", deleted.Id!);
        await _fhir.CreateAsync(new ConsentBuilder(nhs).WithPolicy("type-3").Build());
        var moved = (await _fhir.CreateAsync(new ConsentBuilder(nhs).WithPolicy("type-4").Build())).Resource;
        moved.Patient!.Identifier!.Value = TestNhsNumbers.Next();
        await _fhir.UpdateAsync(moved);
        var query = $"patient:identifier={NhsNumber.System}|{nhs}" + (shape.Length > 0 ? "&" + shape : "");

        var (narrow, narrowSnapshot) = await AllPagesAsync(query);
        var (general, generalSnapshot) = await AllPagesAsync(query + "&_total=none");

        Assert.Equal(general, narrow);
        Assert.Equal(generalSnapshot, narrowSnapshot);
        Assert.DoesNotContain(narrow, v => v.StartsWith(deleted.Id + "/", StringComparison.Ordinal) || v.StartsWith(moved.Id + "/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_WhenNobodyMatches_ThenEmptyPageStillPinnedToASnapshot()
    {
        await _fhir.CreateAsync(new ConsentBuilder().Build());

        var (ids, snapshot) = await AllPagesAsync($"patient:identifier={NhsNumber.System}|{TestNhsNumbers.Next()}");

        Assert.Empty(ids);
        Assert.True(snapshot > 0);
    }

    /// <summary>Every page's entries as id/version, in order, and the snapshot of the first page's self link.</summary>
    private async Task<(List<string> Versions, long Snapshot)> AllPagesAsync(string query)
    {
        var parameters = query.Split('&').Select(p => p.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1]));
        var page = await _fhir.SearchAsync("Consent", parameters);
        var snapshot = long.Parse(SnapshotOf().Match(page.LinkUrl("self")!).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var seen = page.Consents().Select(c => c.Id + "/" + c.Meta!.VersionId).ToList();
        while (await _fhir.FollowAsync(page) is { } next)
        {
            seen.AddRange(next.Consents().Select(c => c.Id + "/" + c.Meta!.VersionId));
            page = next;
        }

        return (seen, snapshot);
    }

    [GeneratedRegex("_snapshot=([0-9]+)")]
    private static partial Regex SnapshotOf();
}
