using ConsentApi.Monitoring;

namespace ConsentApi.Tests.Monitoring;

public sealed class CsvRowsTests
{
    [Fact]
    public void Read_WhenFieldsAreQuoted_ThenCommasAndDoubledQuotesStayInsideTheField()
    {
        var rows = CsvRows.Read(new StringReader("a,\"b, c\",\"say \"\"hi\"\"\",\n\n1,2,3,4\n")).ToList();

        Assert.Equal([1, 3], rows.Select(r => r.Line));
        Assert.Equal(["a", "b, c", "say \"hi\"", ""], rows[0].Fields);
        Assert.Null(rows[0].Problem);
    }

    [Fact]
    public void Read_WhenAQuoteIsNotClosed_ThenTheLineHasAProblem() =>
        Assert.Equal("a quoted field is not closed", CsvRows.Read(new StringReader("\"open,1\n")).Single().Problem);
}
