namespace ConsentApi.CommandLine;

/// <summary>
/// What a command runs against: the registry's services, and what to do before a command touches the database (apply
/// the schema, load the catalogue, ...). Tests pass a no-op: their registry is already set up.
/// </summary>
public sealed record CommandContext(IServiceProvider Services, Func<CommandNeeds, CancellationToken, Task> PrepareAsync)
{
    public static CommandContext Ready(IServiceProvider services) => new(services, (_, _) => Task.CompletedTask);
}
