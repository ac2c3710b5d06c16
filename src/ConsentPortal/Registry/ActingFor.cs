using System.Globalization;
using System.Text.Json;
using ConsentPortal.Identity;

namespace ConsentPortal.Registry;

/// <summary>
/// Whose choices the signed-in person is looking at: their own, or those of someone they act for (an approved proxy
/// relationship the registry lists for them). The choice is kept in a cookie and checked against that list on every
/// request; the registry's API checks it again, so a tampered cookie reaches nothing.
/// </summary>
public sealed class ActingFor(RegistryApi api, IHttpContextAccessor accessor)
{
    public const string Cookie = "consentportal.actingfor";

    /// <summary>Someone whose choices this person may see: themselves, or a person they act for (with the kind of relationship).</summary>
    public sealed record Person(string NhsNumber, string? Relationship)
    {
        public bool IsSelf => Relationship is null;
        public string Formatted => NhsNumber.Length == 10 ? $"{NhsNumber[..3]} {NhsNumber[3..6]} {NhsNumber[6..]}" : NhsNumber;

        public string Describe => Relationship switch
        {
            null => "your own choices",
            "GUARDIAN" => $"the choices of your child, NHS number {Formatted}",
            "POA" => $"the choices of NHS number {Formatted} (you hold power of attorney)",
            "COURTDEP" => $"the choices of NHS number {Formatted} (you are their court-appointed deputy)",
            _ => $"the choices of NHS number {Formatted}",
        };

        /// <summary>Who the person is, for headings: "your child (NHS number 943 476 5919)". The registry holds no names.</summary>
        public string Who => Relationship switch
        {
            null => "you",
            "GUARDIAN" => $"your child (NHS number {Formatted})",
            "POA" => $"the person you hold power of attorney for (NHS number {Formatted})",
            "COURTDEP" => $"the person you are deputy for (NHS number {Formatted})",
            _ => $"the person you act for (NHS number {Formatted})",
        };

        /// <summary>"your" or "their", inside a sentence.</summary>
        public string Whose => IsSelf ? "your" : "their";

        /// <summary>"Your" or "Their", starting a sentence.</summary>
        public string WhoseAtStart => IsSelf ? "Your" : "Their";

        /// <summary>Whose a choice is, as a summary list's answer: "Your own" or "Your child (NHS number ...)".</summary>
        public string Owner => IsSelf ? "Your own" : char.ToUpperInvariant(Who[0]) + Who[1..];

        /// <summary>A page's heading: "Your data choices" or "Data choices for your child (NHS number ...)".</summary>
        public string Heading(string own, string noun) => IsSelf ? own : $"{noun} for {Who}";

        public string AllowAnswer => IsSelf ? "Yes, my data can be used" : "Yes, their data can be used";

        public string ObjectAnswer => IsSelf ? "No, I object" : "No, I object on their behalf";
    }

    public async Task<(Person Current, IReadOnlyList<Person> People)> CurrentAsync(CancellationToken ct)
    {
        var context = accessor.HttpContext!;
        var own = new Person(context.User.FindFirst(PortalClaims.NhsNumber)!.Value, null);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var relationships = await api.GetAsync<JsonElement>("/proxies", ct);
        var people = relationships.EnumerateArray()
            .Where(r => r.Text("proxyNhsNumber") == own.NhsNumber && r.Text("status") == "approved"
                && string.CompareOrdinal(r.Text("start"), today) <= 0 && (r.Text("end") is not { Length: > 0 } end || string.CompareOrdinal(end, today) > 0))
            .Select(r => new Person(r.Text("subjectNhsNumber"), r.Text("kind")))
            .Prepend(own).DistinctBy(p => p.NhsNumber).ToList();
        var chosen = context.Request.Cookies[Cookie];
        return (people.FirstOrDefault(p => p.NhsNumber == chosen) ?? own, people);
    }
}
