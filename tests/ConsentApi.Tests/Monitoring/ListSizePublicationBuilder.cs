using System.Globalization;
using System.Text;
using ConsentApi.Monitoring;

namespace ConsentApi.Tests.Monitoring;

/// <summary>A small "Patients Registered at a GP Practice" publication: its three CSV files, consistent unless a test breaks them.</summary>
public sealed class ListSizePublicationBuilder(string extractDate = "01-OCT-2025")
{
    private const string Publication = "\"Patients Registered at a GP Practice, October 2025\"";
    private readonly List<(string Code, string Name, int Female, int Male)> _practices = [];

    public Func<string, string> EditTotals { get; set; } = s => s;

    public Func<string, string> EditAgeSex { get; set; } = s => s;

    /// <summary>Give the oldest as 90_94 and 95+ (later publications) rather than 90+.</summary>
    public bool SplitOldest { get; set; }

    public ListSizePublicationBuilder WithPractice(string code, int female = 40, int male = 38)
    {
        _practices.Add((code, $"The {code} Surgery, \"Riverside\"", female, male));
        return this;
    }

    public string Mapping() => Lines(
        "PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,PRACTICE_POSTCODE,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,ICB_CODE,ICB_NAME,COMM_REGION_CODE,COMM_REGION_NAME",
        _practices.Select(p => $"{Publication},{extractDate},{p.Code},\"{p.Name.Replace("\"", "\"\"", StringComparison.Ordinal)}\",LS1 1AA,15F,\"Leeds, sub-ICB\",QWO,West Yorkshire ICB,Y63,North East and Yorkshire"));

    public string Totals() => EditTotals(Lines("PUBLICATION,EXTRACT_DATE,TYPE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS",
        _practices.Select(p => $"{Publication},{extractDate},GP,{p.Code},,ALL,ALL,{(p.Female + p.Male).ToString(CultureInfo.InvariantCulture)}")));

    /// <summary>Each practice's patients in the first two age bands: females in 0_4, males in 5_9 (the rest zero).</summary>
    public string AgeSex() => EditAgeSex(Lines("PUBLICATION,EXTRACT_DATE,ORG_TYPE,ORG_CODE,ONS_CODE,POSTCODE,SEX,AGE_GROUP_5,NUMBER_OF_PATIENTS",
        _practices.SelectMany(p => new[] { "FEMALE", "MALE" }.SelectMany(sex => Bands().Select((band, i) =>
            $"{Publication},{extractDate},GP,{p.Code},,,{sex},{band},{(sex == "FEMALE" && i == 0 ? p.Female : sex == "MALE" && i == 1 ? p.Male : 0).ToString(CultureInfo.InvariantCulture)}")))));

    private IEnumerable<string> Bands() => SplitOldest ? [.. ListSizeFiles.AgeBands.SkipLast(1), "90_94", "95+"] : ListSizeFiles.AgeBands;

    public MultipartFormDataContent Form()
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, text) in new[] { (ListSizeFiles.MappingFile, Mapping()), (ListSizeFiles.TotalsFile, Totals()), (ListSizeFiles.AgeSexFile, AgeSex()) })
        {
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "files", name);
        }

        return form;
    }

    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, ListSizeFiles.MappingFile), Mapping());
        File.WriteAllText(Path.Combine(directory, ListSizeFiles.TotalsFile), Totals());
        File.WriteAllText(Path.Combine(directory, ListSizeFiles.AgeSexFile), AgeSex());
    }

    private static string Lines(string header, IEnumerable<string> rows) => string.Join("\r\n", rows.Prepend(header)) + "\r\n";
}
