using System.Globalization;
using ConsentApi.Population;
using FhirAdapters.Primitives;

namespace ConsentApi.Monitoring;

/// <summary>
/// Reads the three files of NHS England's "Patients Registered at a GP Practice" publication (the practice mapping,
/// totals per practice, and counts by sex and five-year age band) and checks every line. Any problem at all means
/// the batch is not returned: the caller imports everything or nothing. The publication's variants are accepted:
/// EXTRACT_DATE as 01-OCT-2025 or 01OCT2025, the oldest as 90+ or as 90_94 and 95+ (stored as 90+, the registry's
/// last band), ALL rows in the age file (totals, which the totals file gives) and rows for areas rather than
/// practices (ORG_TYPE or TYPE other than GP) are passed over.
/// </summary>
public static class ListSizeFiles
{
    public const string MappingFile = "gp-reg-pat-prac-map.csv";
    public const string TotalsFile = "gp-reg-pat-prac-all.csv";
    public const string AgeSexFile = "gp-reg-pat-prac-quin-age.csv";
    public const int MaxProblems = 1000;

    public static readonly IReadOnlyList<string> AgeBands =
        [.. Enumerable.Range(0, 18).Select(i => $"{i * 5}_{i * 5 + 4}"), "90+"];

    /// <summary>Later publications split the oldest band; the registry counts objectors in 90+ and so stores their sum.</summary>
    private static readonly IReadOnlyDictionary<string, string> SplitOldest = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["90_94"] = "90+",
        ["95+"] = "90+",
    };

    private static readonly string[] DateFormats = ["dd-MMM-yyyy", "ddMMMyyyy", "yyyy-MM-dd"];

    public static (ListSizeBatch? Batch, IReadOnlyList<ImportProblem> Problems) Read(TextReader mapping, TextReader totals, TextReader ageSex)
    {
        var reading = new Reading();
        var (practices, mappedAt) = ReadMapping(mapping, reading);
        var sizes = new List<ListSize>();
        var totalsByPractice = ReadTotals(totals, reading, practices, sizes);
        ReadAgeSex(ageSex, reading, practices, sizes, totalsByPractice);
        foreach (var (code, line) in mappedAt.Where(m => !totalsByPractice.ContainsKey(m.Key)))
        {
            // A practice with no list size would make every rate for it undefined: the publication is incomplete.
            reading.Add(MappingFile, line, $"practice {code} has no total in {TotalsFile}");
        }
        return reading.Problems.Count == 0 && reading.ExtractDate is not null
            ? (new ListSizeBatch(reading.ExtractDate, [.. practices.Values], sizes), [])
            : (null, reading.Problems.Count == 0 ? [new ImportProblem(MappingFile, 1, "the files hold no practices")] : reading.Problems);
    }

    private static (Dictionary<string, Practice> Practices, Dictionary<string, int> Lines) ReadMapping(TextReader reader, Reading reading)
    {
        var practices = new Dictionary<string, Practice>(StringComparer.Ordinal);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in reading.Rows(reader, MappingFile, ["EXTRACT_DATE", "PRACTICE_CODE", "PRACTICE_NAME", "SUB_ICB_LOCATION_CODE",
            "SUB_ICB_LOCATION_NAME", "ICB_CODE", "ICB_NAME", "COMM_REGION_CODE", "COMM_REGION_NAME"]))
        {
            var code = row.Ods("PRACTICE_CODE");
            if (code is null || !row.Date())
            {
                continue;
            }

            if (practices.ContainsKey(code))
            {
                row.Problem($"practice {code} is listed twice");
                continue;
            }

            lines[code] = row.Line;
            practices[code] = new Practice
            {
                OdsCode = code,
                Name = row.Required("PRACTICE_NAME"),
                SubIcbCode = row.Required("SUB_ICB_LOCATION_CODE"),
                SubIcbName = row.Required("SUB_ICB_LOCATION_NAME"),
                IcbCode = row.Required("ICB_CODE"),
                IcbName = row.Required("ICB_NAME"),
                RegionCode = row.Required("COMM_REGION_CODE"),
                RegionName = row.Required("COMM_REGION_NAME"),
            };
        }

        return (practices, lines);
    }

    private static Dictionary<string, (int Line, int Patients)> ReadTotals(TextReader reader, Reading reading, Dictionary<string, Practice> practices,
        List<ListSize> sizes)
    {
        var totals = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        foreach (var row in reading.Rows(reader, TotalsFile, ["EXTRACT_DATE", "CODE", "SEX", "AGE", "NUMBER_OF_PATIENTS"]))
        {
            if (!row.IsPractice("TYPE"))
            {
                continue;
            }

            var code = row.Ods("CODE");
            var patients = row.Count("NUMBER_OF_PATIENTS");
            if (code is null || patients is null || !row.Date() || !row.Known(code, practices))
            {
                continue;
            }

            if (row["SEX"] != ListSize.All || row["AGE"] != ListSize.All)
            {
                row.Problem($"totals are for SEX=ALL and AGE=ALL, not {row["SEX"]}/{row["AGE"]}");
            }
            else if (!totals.TryAdd(code, (row.Line, patients.Value)))
            {
                row.Problem($"practice {code} has two totals");
            }
            else
            {
                sizes.Add(new ListSize { ExtractDate = reading.ExtractDate!, OdsCode = code, Sex = ListSize.All, AgeBand = ListSize.All, Patients = patients.Value });
            }
        }

        return totals;
    }

    private static void ReadAgeSex(TextReader reader, Reading reading, Dictionary<string, Practice> practices, List<ListSize> sizes,
        Dictionary<string, (int Line, int Patients)> totals)
    {
        var seen = new HashSet<(string, string, string)>();
        var sums = new Dictionary<string, int>(StringComparer.Ordinal);
        var stored = new Dictionary<(string Code, string Sex, string Band), int>();
        foreach (var row in reading.Rows(reader, AgeSexFile, ["EXTRACT_DATE", "ORG_CODE", "SEX", "AGE_GROUP_5", "NUMBER_OF_PATIENTS"]))
        {
            var (sex, band) = (row["SEX"], row["AGE_GROUP_5"]);
            if (!row.IsPractice("ORG_TYPE") || sex == ListSize.All || band == ListSize.All)
            {
                continue; // an area's row, or a practice's total (the totals file is the one that counts)
            }

            var code = row.Ods("ORG_CODE");
            var patients = row.Count("NUMBER_OF_PATIENTS");
            if (code is null || patients is null || !row.Date() || !row.Known(code, practices))
            {
                continue;
            }

            var label = SplitOldest.GetValueOrDefault(band, band);
            if (sex is not ("FEMALE" or "MALE") || !AgeBands.Contains(label))
            {
                row.Problem($"SEX must be FEMALE or MALE and AGE_GROUP_5 one of {AgeBands[0]}, {AgeBands[1]} ... 85_89, then 90+ or 90_94 and 95+ (not {sex}/{band})");
            }
            else if (!seen.Add((code, sex, band)) || (label != band ? seen.Contains((code, sex, label)) : SplitOldest.Keys.Any(k => seen.Contains((code, sex, k)))))
            {
                row.Problem($"practice {code} has two rows for {sex} {band}, or gives 90+ and 90_94/95+ both");
            }
            else
            {
                stored[(code, sex, label)] = stored.GetValueOrDefault((code, sex, label)) + patients.Value;
                sums[code] = sums.GetValueOrDefault(code) + patients.Value;
            }
        }

        sizes.AddRange(stored.Select(c => new ListSize { ExtractDate = reading.ExtractDate!, OdsCode = c.Key.Code, Sex = c.Key.Sex, AgeBand = c.Key.Band, Patients = c.Value }));
        foreach (var (code, sum) in sums)
        {
            if (totals.TryGetValue(code, out var total) && total.Patients != sum)
            {
                reading.Add(TotalsFile, total.Line, $"practice {code} totals {total.Patients} but its rows by sex and age add up to {sum}");
            }
        }
    }

    /// <summary>The state of one read: the extract date every line must share, and the problems so far.</summary>
    private sealed class Reading
    {
        public string? ExtractDate { get; set; }

        public List<ImportProblem> Problems { get; } = [];

        public void Add(string file, int line, string problem)
        {
            if (Problems.Count < MaxProblems)
            {
                Problems.Add(new ImportProblem(file, line, problem));
            }
        }

        public IEnumerable<Row> Rows(TextReader reader, string file, string[] required)
        {
            Dictionary<string, int>? columns = null;
            foreach (var (line, fields, problem) in CsvRows.Read(reader))
            {
                if (columns is null)
                {
                    columns = fields.Select((name, i) => (name: name.Trim(), i)).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);
                    var missing = required.Where(r => !columns.ContainsKey(r)).ToList();
                    if (missing.Count > 0)
                    {
                        Add(file, line, $"the header lacks {string.Join(", ", missing)}: is this the right file?");
                        yield break;
                    }

                    continue;
                }

                if (problem is not null || fields.Length != columns.Count)
                {
                    Add(file, line, problem ?? $"{fields.Length} fields where the header has {columns.Count}");
                    continue;
                }

                yield return new Row(this, file, line, fields, columns);
            }
        }
    }

    private sealed class Row(Reading reading, string file, int line, string[] fields, Dictionary<string, int> columns)
    {
        public int Line { get; } = line;

        public string this[string column] => fields[columns[column]].Trim();

        public void Problem(string problem) => reading.Add(file, Line, problem);

        public string Required(string column)
        {
            var value = this[column];
            if (value.Length == 0)
            {
                Problem($"{column} is empty");
            }

            return value;
        }

        public string? Ods(string column)
        {
            var value = this[column];
            if (OdsCode.IsValid(value))
            {
                return value;
            }

            Problem($"{column} '{value}' is not an ODS code");
            return null;
        }

        /// <summary>Whether the row is a practice's, when the file says (ORG_TYPE or TYPE = GP); files without the column hold practices only.</summary>
        public bool IsPractice(string typeColumn) =>
            !columns.TryGetValue(typeColumn, out var index) || string.Equals(fields[index].Trim(), "GP", StringComparison.OrdinalIgnoreCase);

        public int? Count(string column)
        {
            if (int.TryParse(this[column], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                return count;
            }

            Problem($"{column} '{this[column]}' is not a whole number of patients");
            return null;
        }

        public bool Date()
        {
            var raw = this["EXTRACT_DATE"];
            if (!DateTime.TryParseExact(raw, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Problem($"EXTRACT_DATE '{raw}' is not a date like 01-OCT-2025 or 01OCT2025");
                return false;
            }

            var iso = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            reading.ExtractDate ??= iso;
            if (iso != reading.ExtractDate)
            {
                Problem($"EXTRACT_DATE {raw} differs from the rest of the publication ({reading.ExtractDate}): import one month at a time");
                return false;
            }

            return true;
        }

        public bool Known(string code, Dictionary<string, Practice> practices)
        {
            if (practices.ContainsKey(code))
            {
                return true;
            }

            Problem($"practice {code} is not in {MappingFile}");
            return false;
        }
    }
}
