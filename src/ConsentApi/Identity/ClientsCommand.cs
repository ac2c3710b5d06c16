using System.CommandLine;
using System.Text.Json;
using ConsentApi.CommandLine;
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
    private const CommandNeeds Needs = CommandNeeds.Schema | CommandNeeds.Identity;

    public static Command CreateClients(CommandContext context)
    {
        var id = new Option<string>("--id") { Required = true, Description = "the client id" };
        var ods = new Option<string>("--ods") { Required = true, Description = "the client system's ODS code" };
        var name = new Option<string>("--name") { Required = true, Description = "the client system's name" };
        var jwks = new Option<FileInfo>("--jwks") { Description = "a file holding the client's public JWKS" }.AcceptExistingOnly();
        var jwksUrl = new Option<string>("--jwks-url") { Description = "an https URL serving the client's public JWKS" };
        var scopes = new Option<string>("--scopes") { Required = true, Description = "the scopes allowed, space-separated" };
        var add = new Command("add", "Registers a client system.") { id, ods, name, jwks, jwksUrl, scopes };
        add.SetAction((parsed, ct) => RunAsync(context, "add", async clients =>
        {
            var file = parsed.GetValue(jwks);
            var keys = file is null ? (JsonElement?)null : JsonDocument.Parse(await File.ReadAllTextAsync(file.FullName, ct)).RootElement;
            var added = await clients.AddAsync(new ClientInput(parsed.GetValue(id), parsed.GetValue(ods), parsed.GetValue(name), keys, parsed.GetValue(jwksUrl),
                (parsed.GetValue(scopes) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)), Operator, ct);
            Console.WriteLine($"Registered {added.ClientId} ({added.OdsCode}, {added.Name}) with scopes: {added.Scopes}");
        }, ct));

        var list = new Command("list", "Lists the registered client systems.");
        list.SetAction((_, ct) => RunAsync(context, "list", async clients =>
        {
            foreach (var c in await clients.ListAsync(ct))
            {
                Console.WriteLine($"{c.ClientId}\t{c.OdsCode}\t{(c.Enabled ? "enabled" : "disabled")}\tv{c.Version}\t{c.Name}\t{c.Scopes}");
            }
        }, ct));

        var clientsCommand = new Command("clients", "Registers, lists, disables and enables client systems.") { add, list };
        foreach (var (verb, enable) in new[] { ("disable", false), ("enable", true) })
        {
            var which = new Option<string>("--id") { Required = true, Description = "the client id" };
            var toggle = new Command(verb, enable ? "Lets a disabled client system get tokens again." : "Stops a client system getting tokens.") { which };
            toggle.SetAction((parsed, ct) => RunAsync(context, verb, async clients =>
            {
                var changed = await clients.SetEnabledAsync(parsed.GetValue(which)!, enable, Operator, ct);
                Console.WriteLine($"{changed.ClientId} is now {(changed.Enabled ? "enabled" : "disabled")} (version {changed.Version}).");
            }, ct));
            clientsCommand.Subcommands.Add(toggle);
        }

        return clientsCommand;
    }

    public static Command CreateKeys(CommandContext context)
    {
        var rotate = new Command("rotate", "Makes a new signing key current; tokens signed with the old one stay valid until they expire.");
        rotate.SetAction((_, ct) => RunAsync(context, "rotate", async _ =>
            Console.WriteLine($"New signing key: {await context.Services.GetRequiredService<SigningKeyStore>().RotateAsync(ct)}"), ct));
        return new Command("keys", "Rotates the registry's token-signing key.") { rotate };
    }

    private static async Task<int> RunAsync(CommandContext context, string verb, Func<ClientRegistry, Task> run, CancellationToken ct)
    {
        await context.PrepareAsync(Needs, ct);
        try
        {
            await run(context.Services.GetRequiredService<ClientRegistry>());
            return 0;
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
}
