namespace ConsentApi.CommandLine;

/// <summary>What a command needs in place before it runs, beyond the configured services.</summary>
[Flags]
public enum CommandNeeds
{
    None = 0,

    /// <summary>The database schema applied.</summary>
    Schema = 1,

    /// <summary>The policy catalogue loaded and the decision index built.</summary>
    Decisions = 2,

    /// <summary>Registered clients and signing keys loaded.</summary>
    Identity = 4,
}
