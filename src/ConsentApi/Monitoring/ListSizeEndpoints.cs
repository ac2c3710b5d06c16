using System.Text;
using ConsentApi.Audit;
using ConsentApi.Fhir;
using ConsentApi.Identity;
using ConsentApi.Persistence;
using FhirAdapters.Model;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Monitoring;

/// <summary>List sizes: administrators import a month's publication (the three CSV files, as multipart form data); monitoring staff read them.</summary>
public static class ListSizeEndpoints
{
    public static IEndpointRouteBuilder MapListSizes(this IEndpointRouteBuilder app)
    {
        app.MapPost("/admin/list-sizes", Import).WithName("ImportListSizes").WithTags("Monitoring")
            .RequireAuthorization(AccessPolicies.Admin).DisableAntiforgery();
        var group = app.MapGroup("/monitoring").WithTags("Monitoring").RequireAuthorization(AccessPolicies.Monitoring);
        group.MapGet("/list-size-imports", Imports).WithName("ListSizeImports");
        group.MapGet("/practices/{ods}/list-sizes", PracticeListSizes).WithName("PracticeListSizes");
        return app;
    }

    public static async Task<IResult> Import(HttpContext context, ListSizeImporter importer, CancellationToken ct)
    {
        if (!context.Request.HasFormContentType)
        {
            throw RequestValues.Bad("files", $"Send the publication as multipart/form-data with the files {ListSizeFiles.MappingFile}, {ListSizeFiles.TotalsFile} and {ListSizeFiles.AgeSexFile}.");
        }

        var form = await context.Request.ReadFormAsync(ct);
        var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in new[] { ListSizeFiles.MappingFile, ListSizeFiles.TotalsFile, ListSizeFiles.AgeSexFile })
        {
            var file = form.Files.FirstOrDefault(f => string.Equals(f.FileName, name, StringComparison.OrdinalIgnoreCase))
                ?? throw RequestValues.Bad("files", $"{name} is missing: all three files of the publication are needed.");
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            files[name] = await reader.ReadToEndAsync(ct);
        }

        var (batch, problems) = ListSizeFiles.Read(new StringReader(files[ListSizeFiles.MappingFile]), new StringReader(files[ListSizeFiles.TotalsFile]),
            new StringReader(files[ListSizeFiles.AgeSexFile]));
        if (batch is null)
        {
            throw new FhirErrorException(StatusCodes.Status422UnprocessableEntity, new OperationOutcome
            {
                Issue = [.. problems.Select(p => new OperationOutcomeIssue
                {
                    Severity = "error",
                    Code = "invalid",
                    Diagnostics = $"{p.File} line {p.Line}: {p.Problem}. Nothing was imported.",
                    Expression = [$"{p.File}:{p.Line}"],
                })],
            });
        }

        var import = await importer.StoreAsync(batch, AuditActor.From(context).Id, null, ct);
        return Results.Created("/monitoring/list-size-imports", import);
    }

    public static async Task<IResult> Imports(RegistryDbContext db, CancellationToken ct) =>
        Results.Ok(await db.ListSizeImports.AsNoTracking().OrderByDescending(i => i.ExtractDate).ToListAsync(ct));

    public static async Task<IResult> PracticeListSizes(string ods, RegistryDbContext db, CancellationToken ct)
    {
        var practice = await db.Practices.AsNoTracking().FirstOrDefaultAsync(p => p.OdsCode == ods, ct)
            ?? throw new FhirErrorException(StatusCodes.Status404NotFound, "not-found", $"No practice {ods} has been imported.");
        var sizes = await db.ListSizes.AsNoTracking().Where(l => l.OdsCode == ods).OrderBy(l => l.ExtractDate).ThenBy(l => l.Sex).ThenBy(l => l.AgeBand).ToListAsync(ct);
        return Results.Ok(new { practice, listSizes = sizes.Select(l => new { l.ExtractDate, l.Sex, l.AgeBand, l.Patients }) });
    }
}
