using System.Reflection;
using Microsoft.Extensions.FileProviders;

namespace ConsentRegistry.DesignSystem;

/// <summary>
/// The NHS.UK design system's files (nhsuk-frontend), which build/NhsukFrontend.targets brings in from the npm package
/// and places beside the app in <c>frontend/</c>; compiled into the portal and the registry (their sign-in pages).
/// Served at the site's root, because the stylesheet names its images <c>/assets/...</c>.
/// </summary>
internal static class NhsukFrontend
{
    /// <summary>The package version the build pinned, which busts caches when it changes.</summary>
    public static string Version { get; } = typeof(NhsukFrontend).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "NhsukFrontendVersion").Value!;

    public static string Stylesheet { get; } = $"/nhsuk-frontend.min.css?v={Version}";

    public static IApplicationBuilder UseNhsukFrontend(this IApplicationBuilder app) => app.UseStaticFiles(new StaticFileOptions
    {
        FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "frontend")),

        // 270 KB of stylesheet and 60 KB of script, the same for every page: browsers keep them for a day (the
        // stylesheet's address carries the package version, so an upgrade is fetched at once).
        OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=86400",
    });
}
