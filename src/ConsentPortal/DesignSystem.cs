using System.Reflection;
using Microsoft.Extensions.FileProviders;

namespace ConsentPortal;

/// <summary>
/// The NHS.UK design system (nhsuk-frontend), which the build brings in from its npm package and places beside the app
/// in <c>frontend/</c>: served at the site's root, because its stylesheet names its images as <c>/assets/...</c>.
/// </summary>
public static class DesignSystem
{
    /// <summary>The package version the build pinned, used to bust caches when it changes.</summary>
    public static string Version { get; } = typeof(DesignSystem).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "NhsukFrontendVersion").Value!;

    public static string Stylesheet { get; } = $"/nhsuk-frontend.min.css?v={Version}";

    public static IApplicationBuilder UseDesignSystem(this IApplicationBuilder app) => app.UseStaticFiles(new StaticFileOptions
    {
        FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "frontend")),

        // 270 KB of stylesheet and 60 KB of script, the same for every page: browsers keep them for a day (the
        // stylesheet's address carries the package version, so an upgrade is fetched at once).
        OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=86400",
    });
}
