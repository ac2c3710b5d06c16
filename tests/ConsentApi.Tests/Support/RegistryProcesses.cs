namespace ConsentApi.Tests.Support;

/// <summary>
/// Tests that run the registry as separate processes (crash loops, the soak, two instances on one database) take
/// turns: each starts and loads whole registries, and the soak's latency and handle counts are judged while it runs.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RegistryProcesses
{
    public const string Name = "Registry processes";
}
