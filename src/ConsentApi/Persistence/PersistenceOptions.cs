using System.ComponentModel.DataAnnotations;

namespace ConsentApi.Persistence;

/// <summary>Where the registry keeps its data. Bound from the "Persistence" section and validated at start-up.</summary>
public sealed class PersistenceOptions : IValidatableObject
{
    public const string Section = "Persistence";
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>Sqlite (the embedded default) or Postgres.</summary>
    [Required]
    [RegularExpression("^(Sqlite|Postgres)$", ErrorMessage = "Persistence:Provider must be 'Sqlite' or 'Postgres'.")]
    public string Provider { get; set; } = Sqlite;

    /// <summary>A full connection string. Required for Postgres; for Sqlite, when empty, a file in <see cref="DataDirectory"/> is used.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the embedded SQLite database, relative to the content root unless absolute.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending schema scripts at start-up (on by default; turn off where a release step applies them).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    public bool IsPostgres => Provider == Postgres;

    /// <summary>The data folder as a full path (<see cref="DataDirectory"/> under the content root unless absolute).</summary>
    public string DataFolder(string contentRoot) => Path.GetFullPath(Path.Combine(contentRoot, DataDirectory));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsPostgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("Persistence:ConnectionString is required when Persistence:Provider is 'Postgres'.",
                [nameof(ConnectionString)]);
        }
    }
}
