using System.Security.Claims;

namespace ConsentApi.Identity;

/// <summary>
/// Whose records a caller may see: everyone (client systems, staff with an audit or monitoring scope, and the
/// registry's own work), or a set of people (a patient's token: the person and those they may act for as an approved
/// proxy). Every read of Consent versions takes one (<see cref="Consents.ConsentQueries"/>) and applies it to each
/// version it returns, so no route, header or conditional match can reach another person's versions by forgetting a
/// check; the registry's own work says <see cref="Everyone"/> in the code, on purpose.
/// </summary>
public sealed class PersonScope
{
    public static readonly PersonScope Everyone = new(null);

    private PersonScope(IReadOnlySet<string>? people) => People = people;

    /// <summary>The NHS numbers this caller may see, or null for everyone.</summary>
    public IReadOnlySet<string>? People { get; }

    public bool IsRestricted => People is not null;

    public static PersonScope Of(ClaimsPrincipal user) => PatientAccess.Of(user) is { } patient ? new PersonScope(patient.NhsNumbers) : Everyone;

    public bool Sees(string? nhsNumber) => People is null || (nhsNumber is not null && People.Contains(nhsNumber));
}
