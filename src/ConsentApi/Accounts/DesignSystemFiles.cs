using System.Reflection;
using Microsoft.Extensions.FileProviders;

namespace ConsentApi.Accounts;

/// <summary>
/// The NHS.UK design system's stylesheet and images for the registry's sign-in pages, brought in by the build from the
/// nhsuk-frontend npm package (build/NhsukFrontend.targets) and served at the root, where its stylesheet looks for them.
/// </summary>
public static class DesignSystemFiles
{
    public static string Version { get; } = typeof(DesignSystemFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "NhsukFrontendVersion").Value!;

    public static string Stylesheet { get; } = $"/nhsuk-frontend.min.css?v={Version}";

    public static IApplicationBuilder UseDesignSystemFiles(this IApplicationBuilder app) => app.UseStaticFiles(new StaticFileOptions
    {
        FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "frontend")),

        // 270 KB of stylesheet and 60 KB of script, the same for every page: browsers keep them for a day (the
        // stylesheet's address carries the package version, so an upgrade is fetched at once).
        OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=86400",
    });
}
