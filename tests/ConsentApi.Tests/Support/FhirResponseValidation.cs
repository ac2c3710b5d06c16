using FhirAdapters.Json;
using FhirAdapters.Outcomes;
using FhirAdapters.Profiles;
using FhirAdapters.Validation;
using Hl7.Fhir.Model;

namespace ConsentApi.Tests.Support;

/// <summary>
/// Sits in every test client: each FHIR response (JSON or XML) is parsed strictly with the SDK and validated with
/// Firely's validator against its base definition, and each Consent in it against the registry profile as well. A
/// response that fails fails the test that received it, whatever that test asserts. Subsets (<c>_summary</c>,
/// <c>_elements</c>) are exempt, as the specification exempts them.
/// </summary>
public sealed class FhirResponseValidation : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var media = response.Content.Headers.ContentType?.MediaType;
        if (media is not ("application/fhir+json" or "application/fhir+xml"))
        {
            return response;
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (bytes.Length > 0)
        {
            var resource = media == "application/fhir+xml" ? FhirXml.Parse<Resource>(bytes) : FhirJson.ParseResource(bytes);
            var errors = Errors(resource).ToList();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException(
                    $"{request.Method} {request.RequestUri} answered a {resource.TypeName} that Firely's validator rejects:\n{string.Join("\n", errors)}");
            }
        }

        var headers = response.Content.Headers.ToList();
        response.Content = new ByteArrayContent(bytes);
        foreach (var (name, values) in headers)
        {
            response.Content.Headers.TryAddWithoutValidation(name, values);
        }

        return response;
    }

    private static IEnumerable<string> Errors(Resource resource)
    {
        if (Subsetted(resource) || (resource is Bundle subsets && subsets.Entry.Any(e => e.Resource is { } r && Subsetted(r))))
        {
            yield break;
        }

        foreach (var issue in ProfileValidator.Shared.Validate(resource).Issue.Where(i => i.IsError()))
        {
            yield return $"{issue.Message()} at {string.Join(",", issue.Expression)}";
        }

        var consents = resource is Bundle bundle ? bundle.Entry.Select(e => e.Resource).OfType<Consent>() : resource is Consent c ? [c] : [];
        foreach (var consent in consents)
        {
            foreach (var issue in ConsentValidator.Validate(consent, RegistryConformance.ConsentProfile).Where(i => i.IsError()))
            {
                yield return $"Consent/{consent.Id}: {issue.Message()} at {string.Join(",", issue.Expression)}";
            }
        }
    }

    private static bool Subsetted(Resource resource) => resource.Meta?.Tag.Any(t => t.Code == "SUBSETTED") == true;
}
