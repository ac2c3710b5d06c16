using ConsentApi.Fhir;
using FhirAdapters.Outcomes;
using FhirAdapters.Profiles;
using FhirAdapters.Validation;
using Hl7.Fhir.Model;

namespace ConsentApi.Consents;

/// <summary>
/// <c>POST /fhir/Consent/$validate</c>: checks a Consent against the registry profile (or the base R4 Consent) without
/// storing anything, so a GP supplier can test what it will send. Answers 200 with every issue found; 400 only when
/// the body cannot be read or the parameters are wrong.
/// </summary>
public static class ConsentValidation
{
    private static readonly string[] Modes = ["create", "update", "delete"];

    public static async Task<IResult> Validate(HttpContext context)
    {
        var (resource, parseIssues) = await FhirRequestBody.ReadResourceAsync<Resource>(context);
        if (resource is null)
        {
            // Well-formed but breaking a value rule (a code outside its set): that is a finding to report, not a refusal.
            return parseIssues.Any(i => i.IsStructural()) ? throw FhirRequestBody.Refused(parseIssues) : FhirResults.Resource(Issues.Outcome(parseIssues));
        }

        var profile = context.Request.Query["profile"].ToString();
        var mode = context.Request.Query["mode"].ToString();
        if (resource is Parameters parameters)
        {
            resource = parameters.Parameter.FirstOrDefault(p => p.Name == "resource")?.Resource;
            profile = Text(parameters, "profile") ?? profile;
            mode = Text(parameters, "mode") ?? mode;
        }

        if (resource is not Consent consent)
        {
            throw new FhirErrorException(StatusCodes.Status400BadRequest, "invalid",
                "Send the Consent to check as the body, or as the 'resource' parameter of a Parameters resource.", "resource");
        }

        if (mode.Length > 0 && !Modes.Contains(mode))
        {
            throw new FhirErrorException(StatusCodes.Status400BadRequest, "invalid", $"mode '{mode}' is not one of create, update or delete.", "mode");
        }

        profile = profile.Length == 0 ? RegistryConformance.ConsentProfile : profile;
        if (profile is not (RegistryConformance.ConsentProfile or "http://hl7.org/fhir/StructureDefinition/Consent"))
        {
            throw new FhirErrorException(StatusCodes.Status400BadRequest, "not-supported",
                $"profile '{profile}' is not known here: validate against {RegistryConformance.ConsentProfile} (the default) or the base R4 Consent.", "profile");
        }

        var issues = ConsentValidator.Validate(consent, profile).ToList();
        if (mode == "update" && string.IsNullOrEmpty(consent.Id))
        {
            issues.Add(Issues.Error("required", "An update needs Consent.id: the id of the Consent being changed.", "Consent.id"));
        }

        if (!issues.Any(i => i.IsError()))
        {
            issues.Add(Issues.Of("information", "informational", $"The Consent is valid against {profile}; the registry will still check the policy and that the person has one choice per policy when it is sent."));
        }

        return FhirResults.Resource(Issues.Outcome(issues));
    }

    private static string? Text(Parameters parameters, string name) =>
        parameters.Parameter.FirstOrDefault(p => p.Name == name)?.Value?.ToString();
}
