using System.Text;

namespace ConsentApi.Tests.Reliability;

/// <summary>One generated bad request, printable so a failure can be replayed by hand.</summary>
public sealed record FuzzCase(string Endpoint, string Method, string Path, byte[]? Body, string? ContentType, string Mutation)
{
    public bool IsFhir => Path.StartsWith("/fhir", StringComparison.Ordinal);

    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);

            // As a careful client does with a large body: the server may refuse it (413) before a byte of it is sent.
            request.Headers.ExpectContinue = Body.Length > 64 * 1024;
            if (ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return request;
    }

    public override string ToString()
    {
        var body = Body is null ? "(no body)" : Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 400)) + (Body.Length > 400 ? $"... ({Body.Length:N0} bytes)" : "");
        return $"[{Endpoint}: {Mutation}] {Method} {(Path.Length > 300 ? Path[..300] + "..." : Path)} Content-Type: {ContentType ?? "(none)"}\n{body}";
    }
}
