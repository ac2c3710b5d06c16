using FhirAdapters.Outcomes;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using ConsentApi.Audit;
using ConsentApi.Fhir;
using ConsentApi.Identity;
using ConsentApi.Persistence;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Monitoring;

/// <summary>List sizes: administrators import a month's publication (the three CSV files, as multipart form data); monitoring staff read them.</summary>
public static class ListSizeEndpoints
{
    private const int MaxBytes = 256 * 1024 * 1024;

    public static IEndpointRouteBuilder MapListSizes(this IEndpointRouteBuilder app)
    {
        // A whole England publication is tens of megabytes: above Kestrel's default 30 MB body limit.
        app.MapPost("/admin/list-sizes", Import).WithName("ImportListSizes").WithTags("Monitoring")
            .RequireAuthorization(AccessPolicies.Admin).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxBytes));
        var group = app.MapGroup("/monitoring").WithTags("Monitoring").RequireAuthorization(AccessPolicies.Monitoring);
        group.MapGet("/list-size-imports", Imports).WithName("ListSizeImports").Produces<List<ListSizeImport>>();
        group.MapGet("/practices/{ods}/list-sizes", PracticeListSizes).WithName("PracticeListSizes");
        return app;
    }

    public static async Task<IResult> Import(HttpContext context, ListSizeImporter importer, CancellationToken ct)
    {
        if (!context.Request.HasFormContentType)
        {
            throw RequestValues.Bad("files", $"Send the publication as multipart/form-data with the files {ListSizeFiles.MappingFile}, {ListSizeFiles.TotalsFile} and {ListSizeFiles.AgeSexFile}.");
        }

        var form = await context.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxBytes }, ct);
        IFormFile Required(string name) => form.Files.FirstOrDefault(f => string.Equals(f.FileName, name, StringComparison.OrdinalIgnoreCase))
            ?? throw RequestValues.Bad("files", $"{name} is missing: all three files of the publication are needed.");

        // The files are read as streams (the framework has buffered them to disk), one after another.
        using var mapping = new StreamReader(Required(ListSizeFiles.MappingFile).OpenReadStream(), Encoding.UTF8);
        using var totals = new StreamReader(Required(ListSizeFiles.TotalsFile).OpenReadStream(), Encoding.UTF8);
        using var ageSex = new StreamReader(Required(ListSizeFiles.AgeSexFile).OpenReadStream(), Encoding.UTF8);
        var (batch, problems) = ListSizeFiles.Read(mapping, totals, ageSex);
        if (batch is null)
        {
            throw new FhirErrorException(StatusCodes.Status422UnprocessableEntity, new OperationOutcome
            {
                Issue = [.. problems.Select(p => Issues.Error("invalid", $"{p.File} line {p.Line}: {p.Problem}. Nothing was imported.", $"{p.File}:{p.Line}"))],
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
