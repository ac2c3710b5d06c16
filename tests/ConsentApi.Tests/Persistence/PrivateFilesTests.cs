using System.Runtime.Versioning;
using ConsentApi.Tests.Support;

namespace ConsentApi.Tests.Persistence;

/// <summary>The registry's data folder and database files are its own: 0700 and 0600, whatever the umask (S10).</summary>
public sealed class PrivateFilesTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Start_WhenTheRegistryMadeItsDatabase_ThenTheFolderIs0700AndEveryFileInIt0600()
    {
        using var http = api.CreateClient();
        Assert.True((await http.GetAsync("/fhir/Consent?_count=1")).IsSuccessStatusCode);

        var folder = File.GetUnixFileMode(api.DataDirectory);
        var files = Directory.GetFiles(api.DataDirectory).ToDictionary(f => Path.GetFileName(f), File.GetUnixFileMode);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, folder);
        Assert.Contains("consent-registry.db", files.Keys);
        Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, f.Value));
    }
}
