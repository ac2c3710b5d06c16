namespace FhirAdapters.Model;

/// <summary>FHIR Coding: a code from a code system.</summary>
public sealed class Coding : DataType
{
    internal static readonly new FhirTypeInfo Info = new("Coding", () => new Coding(),
    [
        .. ElementMembers,
        Elements.Str<Coding>("system", FhirPrimitiveType.Uri, x => x.System, (x, v) => x.System = v),
        Elements.Str<Coding>("version", FhirPrimitiveType.String, x => x.Version, (x, v) => x.Version = v),
        Elements.Str<Coding>("code", FhirPrimitiveType.Code, x => x.Code, (x, v) => x.Code = v),
        Elements.Str<Coding>("display", FhirPrimitiveType.String, x => x.Display, (x, v) => x.Display = v),
        Elements.Bool<Coding>("userSelected", x => x.UserSelected, (x, v) => x.UserSelected = v),
    ]);

    public Coding()
    {
    }

    public Coding(string? system, string code, string? display = null)
    {
        System = system;
        Code = code;
        Display = display;
    }

    public string? System { get; set; }
    public string? Version { get; set; }
    public string? Code { get; set; }
    public string? Display { get; set; }
    public bool? UserSelected { get; set; }

    internal override FhirTypeInfo TypeInfo => Info;
}
