using System.ComponentModel.DataAnnotations;

namespace ConsentApi.Persistence;

/// <summary>Where the registry keeps its data. Bound from the "Persistence" section and validated at start-up.</summary>
public sealed class PersistenceOptions
{
    public const string Section = "Persistence";

    /// <summary>Sqlite (the embedded default). PostgreSQL follows with the scale issue.</summary>
    [Required]
    [RegularExpression("^(Sqlite)$", ErrorMessage = "Persistence:Provider must be 'Sqlite'.")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>A full connection string; when empty, a SQLite file in <see cref="DataDirectory"/> is used.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the embedded SQLite database, relative to the content root unless absolute.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending schema scripts at start-up (on by default; turn off where a release step applies them).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
