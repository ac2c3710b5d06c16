using FhirAdapters.Json;
using FhirAdapters.Model;
using FhirAdapters.Tests.Builders;

namespace FhirAdapters.Tests.Json;

public class FhirJsonWriterTests
{
    [Fact]
    public void Serialize_WhenResourceWritten_ThenResourceTypeComesFirst()
    {
        var json = FhirJson.Serialize(new ConsentBuilder().Build());

        Assert.StartsWith("""{"resourceType":"Consent",""", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_WhenListsAndObjectsEmpty_ThenTheyAreLeftOut()
    {
        var consent = new ConsentBuilder().With(c =>
        {
            c.Identifier = [];
            c.Meta = new Meta();
            c.Performer = [new Reference()];
            c.Provision!.Actor = [];
        }).Build();

        var json = FhirJson.Serialize(consent);

        Assert.DoesNotContain("\"identifier\":[", json, StringComparison.Ordinal);
        Assert.DoesNotContain("meta", json, StringComparison.Ordinal);
        Assert.DoesNotContain("performer", json, StringComparison.Ordinal);
        Assert.DoesNotContain("actor", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_WhenPrimitiveExtensionSet_ThenUnderscoreSiblingFollowsValue()
    {
        var consent = new ConsentBuilder().Build();
        consent.SetPrimitiveExtension("status", new Element { Extension = [new Extension { Url = "u", Value = FhirPrimitive.String("why") }] });

        var json = FhirJson.Serialize(consent);

        Assert.Contains("""
            "status":"active","_status":{"extension":[{"url":"u","valueString":"why"}]}
            """.Trim(), json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_WhenDecimalInvalid_ThenRefusesRatherThanWritingBadJson()
    {
        var consent = new ConsentBuilder().With(c => c.Extension = [new Extension { Url = "u", Value = new FhirPrimitive(FhirPrimitiveType.Decimal, "1,5") }]).Build();

        Assert.Throws<FormatException>(() => FhirJson.Serialize(consent));
    }

    [Fact]
    public void Serialize_WhenTextHasMarkupAndAccents_ThenItStaysReadable()
    {
        var consent = new ConsentBuilder().With(c => c.Patient!.Display = "Zoë <O'Brien> & co").Build();

        var json = FhirJson.Serialize(consent);

        Assert.Contains("\"display\":\"Zoë <O'Brien> & co\"", json, StringComparison.Ordinal);
    }
}
