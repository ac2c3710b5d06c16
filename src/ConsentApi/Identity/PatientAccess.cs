using System.Security.Claims;
using ConsentApi.Fhir;
using FhirAdapters.Primitives;

namespace ConsentApi.Identity;

/// <summary>
/// What a patient's token may reach: their own NHS number and the people they may act for as an approved proxy.
/// Null for client systems, whose access is not limited to particular people. Someone else's Consent answers 404, so
/// a patient cannot even learn that it exists.
/// </summary>
public sealed class PatientAccess
{
    private PatientAccess(IReadOnlySet<string> nhsNumbers) => NhsNumbers = nhsNumbers;

    public IReadOnlySet<string> NhsNumbers { get; }

    public static PatientAccess? Of(ClaimsPrincipal user) =>
        user.FindFirst(IdentityClaims.ActorType)?.Value == IdentityClaims.PatientActor
            ? new PatientAccess(user.FindAll(IdentityClaims.NhsNumber).Concat(user.FindAll(IdentityClaims.ActsFor)).Select(c => c.Value)
                .ToHashSet(StringComparer.Ordinal))
            : null;

    public bool Allows(string? nhsNumber) => nhsNumber is not null && NhsNumbers.Contains(nhsNumber);

    /// <summary>The 403 a patient gets for recording a choice for somebody they may not act for.</summary>
    public void RequireCanChange(string? nhsNumber)
    {
        if (!Allows(nhsNumber))
        {
            throw new FhirErrorException(StatusCodes.Status403Forbidden, "forbidden",
                "You can record and change choices only for yourself (or for someone you are a registered proxy for): Consent.patient must be your NHS number.",
                "Consent.patient");
        }
    }

    /// <summary>The search restriction added to every patient's search: Consents of the people they may see.</summary>
    public KeyValuePair<string, string> SearchRestriction() =>
        new("patient:identifier", string.Join(',', NhsNumbers.Order(StringComparer.Ordinal).Select(n => $"{NhsNumber.System}|{n}")));
}
