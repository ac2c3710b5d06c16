using System.Text.Json;

namespace ConsentPortal.Registry;

/// <summary>
/// The registry's policy catalogue, for pages that must name a choice or a legal basis in words rather than by its
/// code ("National data opt-out", not "national-data-opt-out"). Loaded once per request.
/// </summary>
public sealed class CatalogueWords(RegistryApi api)
{
    private JsonElement catalogue;

    public async Task LoadAsync(CancellationToken ct)
    {
        if (catalogue.ValueKind == JsonValueKind.Undefined)
        {
            catalogue = await api.GetAsync<JsonElement>("/policies", ct);
        }
    }

    /// <summary>The code of a coding written "system|code" (or a bare code).</summary>
    public static string CodeOf(string coding) => coding[(coding.LastIndexOf('|') + 1)..];

    /// <summary>A choice's title, from its id or URI; the code itself when the catalogue does not know it.</summary>
    public string Policy(string idOrUri) =>
        catalogue.Items("policies").FirstOrDefault(p => p.Text("id") == idOrUri || p.Text("uri") == idOrUri).Text("title") is { Length: > 0 } title ? title : idOrUri;

    /// <summary>A legal basis's title from its code (or "system|code"); empty stays empty.</summary>
    public string LegalBasis(string coding)
    {
        var code = CodeOf(coding);
        return code.Length == 0 ? "" : catalogue.Items("legalBases").FirstOrDefault(b => b.Text("code") == code).Text("title") is { Length: > 0 } title ? title : code;
    }
}
