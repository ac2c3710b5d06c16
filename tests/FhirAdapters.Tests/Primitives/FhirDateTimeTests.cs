using FhirAdapters.Primitives;

namespace FhirAdapters.Tests.Primitives;

public class FhirDateTimeTests
{
    [Theory]
    [InlineData("2024", "2024-01-01T00:00:00+00:00", "2025-01-01T00:00:00+00:00")]
    [InlineData("2024-02", "2024-02-01T00:00:00+00:00", "2024-03-01T00:00:00+00:00")]
    [InlineData("2024-02-29", "2024-02-29T00:00:00+00:00", "2024-03-01T00:00:00+00:00")]
    [InlineData("2024-05-01T10:00:00+01:00", "2024-05-01T09:00:00+00:00", "2024-05-01T09:00:01+00:00")]
    [InlineData("2024-05-01T10:00:00.5Z", "2024-05-01T10:00:00.5+00:00", "2024-05-01T10:00:00.6+00:00")]
    public void TryParse_WhenPrecisionVaries_ThenRangeCoversIt(string text, string start, string endExclusive)
    {
        Assert.True(FhirDateRange.TryParse(text, out var value));

        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), value.Start);
        Assert.Equal(DateTimeOffset.Parse(endExclusive, System.Globalization.CultureInfo.InvariantCulture), value.EndExclusive);
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("2024-04-31")]
    [InlineData("2024-01-01T24:00:00Z")]
    [InlineData("2024-01-01T10:00:00+15:00")]
    [InlineData("2024-01-01T10:00")]
    [InlineData("0000")]
    public void TryParse_WhenNotARealInstant_ThenFalse(string text)
    {
        Assert.False(FhirDateRange.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_WhenLenientSearchValue_ThenMinutesAndNoZoneAccepted()
    {
        Assert.True(FhirDateRange.TryParse("2024-01-01T10:00", lenient: true, out var value));

        Assert.Equal(FhirDateRangePrecision.Minute, value.Precision);
        Assert.Equal(TimeSpan.FromMinutes(1), value.EndExclusive - value.Start);
    }

    [Fact]
    public void FormatInstant_WhenOffsetGiven_ThenUtcWithMilliseconds()
    {
        var text = FhirDateRange.FormatInstant(new DateTimeOffset(2026, 11, 21, 10, 15, 30, 123, TimeSpan.FromHours(1)));

        Assert.Equal("2026-11-21T09:15:30.123Z", text);
    }
}
