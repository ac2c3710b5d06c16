using System.Globalization;
using ConsentApi.Population;

namespace ConsentApi.Synthetic;

/// <summary>
/// Writes registered-patient counts in the layout of NHS England's "Patients Registered at a GP Practice"
/// publication: totals per practice, counts per practice by sex and five-year age group, and the practice mapping.
/// </summary>
public sealed class ListSizeCsvWriter : IDisposable
{
    public const string TotalsFile = "gp-reg-pat-prac-all.csv";
    public const string AgeSexFile = "gp-reg-pat-prac-quin-age.csv";
    public const string MappingFile = "gp-reg-pat-prac-map.csv";

    private readonly StreamWriter _totals;
    private readonly StreamWriter _ageSex;
    private readonly StreamWriter _mapping;
    private readonly string _publication;
    private readonly string _extractDate;

    public ListSizeCsvWriter(string directory, DateOnly extractDate)
    {
        Directory.CreateDirectory(directory);
        _publication = extractDate.ToString("'Patients Registered at a GP Practice' MMMM yyyy", CultureInfo.InvariantCulture);
        _extractDate = extractDate.ToString("dd'-'MMM'-'yyyy", CultureInfo.InvariantCulture).ToUpperInvariant();
        _totals = Open(directory, TotalsFile, "PUBLICATION,EXTRACT_DATE,TYPE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS");
        _ageSex = Open(directory, AgeSexFile, "PUBLICATION,EXTRACT_DATE,ORG_TYPE,ORG_CODE,ONS_CODE,POSTCODE,SEX,AGE_GROUP_5,NUMBER_OF_PATIENTS");
        _mapping = Open(directory, MappingFile,
            "PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,PRACTICE_POSTCODE,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,ICB_CODE,ICB_NAME,COMM_REGION_CODE,COMM_REGION_NAME");
    }

    /// <summary>One practice: <paramref name="counts"/>[sex, band] with sex 0 = female, 1 = male.</summary>
    public void Write(Practice practice, int[,] counts)
    {
        var total = 0;
        for (var sex = 0; sex < 2; sex++)
        {
            for (var band = 0; band < EnglandModel.AgeBands.Count; band++)
            {
                var from = EnglandModel.AgeBands[band].From;
                var label = from >= 90 ? "90+" : $"{from}_{from + 4}";
                _ageSex.WriteLine(string.Join(',', Quote(_publication), _extractDate, "GP", practice.OdsCode, "", "", sex == 0 ? "FEMALE" : "MALE", label,
                    counts[sex, band].ToString(CultureInfo.InvariantCulture)));
                total += counts[sex, band];
            }
        }

        _totals.WriteLine(string.Join(',', Quote(_publication), _extractDate, "GP", practice.OdsCode, "", "ALL", "ALL", total.ToString(CultureInfo.InvariantCulture)));
        _mapping.WriteLine(string.Join(',', Quote(_publication), _extractDate, practice.OdsCode, Quote(practice.Name), "", practice.SubIcbCode,
            Quote(practice.SubIcbName), practice.IcbCode, Quote(practice.IcbName), practice.RegionCode, Quote(practice.RegionName)));
    }

    public void Dispose()
    {
        _totals.Dispose();
        _ageSex.Dispose();
        _mapping.Dispose();
    }

    private static StreamWriter Open(string directory, string name, string header)
    {
        var writer = new StreamWriter(Path.Combine(directory, name)) { NewLine = "\n" };
        writer.WriteLine(header);
        return writer;
    }

    private static string Quote(string value) => value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
        ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : value;
}
