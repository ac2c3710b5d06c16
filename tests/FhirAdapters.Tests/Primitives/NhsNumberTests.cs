using FhirAdapters.Primitives;

namespace FhirAdapters.Tests.Primitives;

public class NhsNumberTests
{
    [Theory]
    [InlineData("9434765919")]
    [InlineData("9434765870")]
    [InlineData("9000000009")]
    public void IsValid_WhenPublishedTestNumber_ThenTrue(string number)
    {
        Assert.True(NhsNumber.IsValid(number));
        Assert.True(NhsNumber.TryParse(number, out var parsed));
        Assert.Equal(long.Parse(number, System.Globalization.CultureInfo.InvariantCulture), parsed);
    }

    [Theory]
    [InlineData("9434765918", "check digit")]
    [InlineData("943476591", "exactly 10 digits")]
    [InlineData("94347659190", "exactly 10 digits")]
    [InlineData("943 476 5919", "exactly 10 digits")]
    [InlineData("94347A5919", "exactly 10 digits")]
    [InlineData("1000000010", "gives 10")]
    public void Problem_WhenInvalid_ThenReasonGiven(string number, string reason)
    {
        Assert.Contains(reason, NhsNumber.Problem(number), StringComparison.Ordinal);
        Assert.False(NhsNumber.TryParse(number, out _));
    }

    [Fact]
    public void Problem_WhenCheckDigitComputesToEleven_ThenZeroIsExpected()
    {
        // When the weighted sum is a multiple of 11, the check gives 11, written as 0. Find such a number with the
        // tests' own independent Modulus 11 implementation and check that the product accepts it.
        var valid = Enumerable.Range(100_000_000, 200).Select(n => Builders.TestNhsNumbers.WithCheckDigit(n)).First(n => n is not null && n[9] == '0');

        Assert.True(NhsNumber.IsValid(valid));
    }
}
