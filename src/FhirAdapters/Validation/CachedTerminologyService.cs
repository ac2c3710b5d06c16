using System.Collections.Concurrent;
using FhirAdapters.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Terminology;

namespace FhirAdapters.Validation;

/// <summary>
/// Remembers the answers of the SDK's local terminology service: it looks each code up in its ValueSet's expansion
/// on every call, which was a third of validating a Consent (three bound codes, about 70 µs each). The questions
/// repeat (the same few codes in the same few ValueSets), so the answer to each distinct question is kept, up to a
/// bound; the ValueSets are the registry's published ones and the R4 core's, which do not change while it runs.
/// </summary>
internal sealed class CachedTerminologyService(ICodeValidationTerminologyService inner) : ICodeValidationTerminologyService
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Parameters> _answers = new(StringComparer.Ordinal);

    public async Task<Parameters> ValueSetValidateCode(Parameters parameters, string? id = null, bool useGet = false)
    {
        var key = id + "\n" + FhirJson.Serialize(parameters);
        if (_answers.TryGetValue(key, out var known))
        {
            return (Parameters)known.DeepCopy();
        }

        var answer = await inner.ValueSetValidateCode(parameters, id, useGet).ConfigureAwait(false);
        if (_answers.Count < MaxEntries)
        {
            _answers.TryAdd(key, (Parameters)answer.DeepCopy());
        }

        return answer;
    }

    public Task<Parameters> Subsumes(Parameters parameters, string? id = null, bool useGet = false) => inner.Subsumes(parameters, id, useGet);
}
