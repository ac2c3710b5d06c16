using ConsentApi.Synthetic;

namespace ConsentApi.Tests.Synthetic;

public class GenerateOptionsTests
{
    [Fact]
    public void Parse_WhenAllOptionsGiven_ThenEachIsRead()
    {
        var options = GenerateOptions.Parse(["--scale", "0.01", "--seed", "7", "--weeks", "52", "--end", "2026-06-01", "--out", "x",
            "--spike", "#3:10:40", "--surge", "20:2.5", "--drop", "Z10001:5:3"]);

        Assert.Equal(0.01, options.Scale);
        Assert.Equal(7, options.Seed);
        Assert.Equal(new DateOnly(2025, 6, 2), options.WindowStart);
        Assert.Equal(["spike", "surge", "drop"], options.Anomalies.Select(a => a.Kind));
        Assert.Equal(2.5, options.Anomalies[1].Size);
    }

    [Theory]
    [InlineData(new[] { "--scale", "0" }, "--scale")]
    [InlineData(new[] { "--scale", "2" }, "--scale")]
    [InlineData(new[] { "--weeks", "3" }, "--weeks")]
    [InlineData(new[] { "--end", "2026-06-02" }, "Monday")]
    [InlineData(new[] { "--spike", "#1:10" }, "PRACTICE:WEEK:N")]
    [InlineData(new[] { "--surge", "10:0.5" }, "above 1")]
    [InlineData(new[] { "--spike", "#1:200:5" }, "outside the 104 weeks")]
    [InlineData(new[] { "--colour", "blue" }, "'--colour'")]
    [InlineData(new[] { "--seed" }, "'--seed'")]
    public void Parse_WhenOptionInvalid_ThenMessageNamesIt(string[] args, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => GenerateOptions.Parse(args));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
