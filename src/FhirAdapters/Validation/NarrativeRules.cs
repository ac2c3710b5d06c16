using System.Xml;
using FhirAdapters.Model;

namespace FhirAdapters.Validation;

/// <summary>Narrative XHTML must be a well-formed XHTML div without scripts, forms or event handlers (txt-1, txt-2).</summary>
internal static class NarrativeRules
{
    private static readonly HashSet<string> Forbidden = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "form", "input", "button", "iframe", "object", "embed", "applet", "base", "link", "meta", "style", "frame", "frameset",
    };

    public static void Check(string xhtml, string path, List<OperationOutcomeIssue> issues)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 1_000_000 };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xhtml), settings);
            var first = true;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (first && (reader.LocalName != "div" || reader.NamespaceURI != "http://www.w3.org/1999/xhtml"))
                {
                    issues.Add(OperationOutcomeIssue.Error("value",
                        $"{path} must be a <div xmlns=\"http://www.w3.org/1999/xhtml\"> element.", path));
                    return;
                }

                first = false;
                if (Forbidden.Contains(reader.LocalName))
                {
                    issues.Add(OperationOutcomeIssue.Error("security", $"{path} contains a <{reader.LocalName}> element, which narrative may not contain (txt-1).", path));
                    return;
                }

                if (reader.MoveToFirstAttribute())
                {
                    do
                    {
                        if (reader.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase)
                            || reader.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
                        {
                            issues.Add(OperationOutcomeIssue.Error("security", $"{path} has a script attribute '{reader.LocalName}' (txt-1).", path));
                            return;
                        }
                    }
                    while (reader.MoveToNextAttribute());
                }
            }
        }
        catch (XmlException ex)
        {
            issues.Add(OperationOutcomeIssue.Error("value", $"{path} is not well-formed XHTML: {ex.Message}", path));
        }
    }
}
