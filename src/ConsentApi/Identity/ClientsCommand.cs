using System.Text.Json;
using ConsentApi.Fhir;

namespace ConsentApi.Identity;

/// <summary>
/// <c>clients add|list|disable|enable</c> and <c>keys rotate</c> from the command line, for operators setting up a node:
///   clients add --id ID --ods ODS --name NAME (--jwks FILE | --jwks-url URL) --scopes "SCOPE ..."
///   clients list
///   clients disable --id ID
///   keys rotate
/// </summary>
public static class ClientsCommand
{
    private const string Operator = "command-line";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, CancellationToken ct)
    {
        var clients = services.GetRequiredService<ClientRegistry>();
        var verb = args.Length > 0 ? args[0] : "help";
        try
        {
            switch (verb)
            {
                case "add":
                    var jwksFile = Option(args, "--jwks");
                    var jwks = jwksFile is null ? (JsonElement?)null : JsonDocument.Parse(await File.ReadAllTextAsync(jwksFile, ct)).RootElement;
                    var scopes = (Option(args, "--scopes") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    var added = await clients.AddAsync(new ClientInput(Option(args, "--id"), Option(args, "--ods"), Option(args, "--name"), jwks,
                        Option(args, "--jwks-url"), scopes), Operator, ct);
                    Console.WriteLine($"Registered {added.ClientId} ({added.OdsCode}, {added.Name}) with scopes: {added.Scopes}");
                    return 0;
                case "list":
                    foreach (var c in await clients.ListAsync(ct))
                    {
                        Console.WriteLine($"{c.ClientId}\t{c.OdsCode}\t{(c.Enabled ? "enabled" : "disabled")}\tv{c.Version}\t{c.Name}\t{c.Scopes}");
                    }

                    return 0;
                case "disable" or "enable":
                    var id = Option(args, "--id") ?? throw RequestValues.Bad("--id", "--id is required.");
                    var changed = await clients.SetEnabledAsync(id, verb == "enable", Operator, ct);
                    Console.WriteLine($"{changed.ClientId} is now {(changed.Enabled ? "enabled" : "disabled")} (version {changed.Version}).");
                    return 0;
                case "rotate":
                    Console.WriteLine($"New signing key: {await services.GetRequiredService<SigningKeyStore>().RotateAsync(ct)}");
                    return 0;
                default:
                    await Console.Error.WriteLineAsync("""
                        Usage:
                          clients add --id ID --ods ODS --name NAME (--jwks FILE | --jwks-url URL) --scopes "system/Consent.rs registry.decisions ..."
                          clients list
                          clients disable --id ID
                          clients enable --id ID
                          keys rotate
                        """);
                    return 2;
            }
        }
        catch (FhirErrorException ex)
        {
            await Console.Error.WriteLineAsync($"{verb}: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            await Console.Error.WriteLineAsync($"Could not read the key set: {ex.Message}");
            return 1;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
