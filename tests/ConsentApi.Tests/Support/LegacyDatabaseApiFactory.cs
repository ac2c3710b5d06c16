using System.IO.Compression;
using Microsoft.AspNetCore.Hosting;

namespace ConsentApi.Tests.Support;

/// <summary>
/// The API opening a SQLite database written by the registry before it moved to the Firely SDK (the hand-written
/// model and JSON writer, schema v11): the synthetic generator's Consents for one practice, with withdrawals, and the
/// demonstration Consents, trimmed to 188 versions. Made with the release of commit 0fbb5c2.
/// </summary>
public sealed class LegacyDatabaseApiFactory : SqliteApiFactory
{
    public const string Fixture = "before-firely-sdk.db.gz";

    protected override void ConfigureDatabase(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(DataDirectory);
        using var compressed = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Persistence", "Legacy", Fixture));
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var database = File.Create(Path.Combine(DataDirectory, "consent-registry.db"));
        gzip.CopyTo(database);
        base.ConfigureDatabase(builder);
    }
}
