namespace ConsentApi.Export;

/// <summary>Registers bulk export: its files, the signal and the worker that runs jobs.</summary>
public static class ExportExtensions
{
    public static IServiceCollection AddRegistryExport(this IServiceCollection services)
    {
        services.AddSingleton<ExportFiles>();
        services.AddSingleton<ExportSignal>();
        services.AddHostedService<ExportWorker>();
        return services;
    }
}
