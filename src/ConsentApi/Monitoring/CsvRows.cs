using System.Text;

namespace ConsentApi.Monitoring;

/// <summary>
/// Reads CSV as published (RFC 4180: comma separated, fields optionally in double quotes, "" for a quote inside one),
/// one record per line with its line number. Quoted fields may not span lines in these publications, so they may not here.
/// </summary>
public static class CsvRows
{
    public static IEnumerable<(int Line, string[] Fields, string? Problem)> Read(TextReader reader)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var (fields, problem) = Split(line);
            yield return (number, fields, problem);
        }
    }

    private static (string[] Fields, string? Problem) Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return (fields.ToArray(), quoted ? "a quoted field is not closed" : null);
    }
}
