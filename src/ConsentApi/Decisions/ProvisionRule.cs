using System.Collections.Concurrent;
using System.Text;
using Hl7.Fhir.Model;
using FhirAdapters.Primitives;

namespace ConsentApi.Decisions;

/// <summary>
/// A Consent's provision compiled for decisions: its type, period, purposes and recipients, and nested exceptions.
/// Rules are interned, so the millions of Consents recording the same objection share one object.
/// </summary>
public sealed class ProvisionRule
{
    private static readonly ConcurrentDictionary<string, ProvisionRule> Interned = new(StringComparer.Ordinal);

    private ProvisionRule(bool? deny, long start, long end, (string? System, string Code)[] purposes, string[] actors,
        bool otherActors, ProvisionRule[] nested)
    {
        Deny = deny;
        Start = start;
        End = end;
        Purposes = purposes;
        Actors = actors;
        OtherActors = otherActors;
        Nested = nested;
    }

    /// <summary>true for deny, false for permit, null when the provision has no type (only its nested provisions decide).</summary>
    public bool? Deny { get; }
    public long Start { get; }
    public long End { get; }
    public IReadOnlyList<(string? System, string Code)> Purposes { get; }
    public IReadOnlyList<string> Actors { get; }

    /// <summary>The provision names recipients that are not organisations by ODS code (e.g. a practitioner).</summary>
    public bool OtherActors { get; }
    public IReadOnlyList<ProvisionRule> Nested { get; }

    public static ProvisionRule Compile(Consent.provisionComponent? provision)
    {
        if (provision is null)
        {
            return Intern(new ProvisionRule(null, long.MinValue, long.MaxValue, [], [], false, []));
        }

        var start = FhirDateRange.TryParse(provision.Period?.Start, out var s) ? s.Start.UtcTicks : long.MinValue;
        var end = FhirDateRange.TryParse(provision.Period?.End, out var e) ? e.EndInclusive.UtcTicks : long.MaxValue;
        var purposes = (provision.Purpose ?? []).Where(p => p.Code is not null).Select(p => (p.System, p.Code!)).ToArray();
        var actors = new List<string>();
        var other = false;
        foreach (var actor in provision.Actor ?? [])
        {
            if (actor.Reference?.Identifier is { System: OdsCode.System, Value: { } ods })
            {
                actors.Add(ods);
            }
            else
            {
                other = true;
            }
        }

        var deny = provision.Type switch { Consent.ConsentProvisionType.Deny => true, Consent.ConsentProvisionType.Permit => (bool?)false, _ => null };
        var nested = (provision.Provision ?? []).Select(Compile).ToArray();
        return Intern(new ProvisionRule(deny, start, end, purposes, [.. actors], other, nested));
    }

    /// <summary>What this provision says about a request: true deny, false permit, null when it does not speak to it.</summary>
    public bool? Decide(string? purposeSystem, string purposeCode, string actorOds, long at)
    {
        if (at < Start || at > End || !CoversPurpose(purposeSystem, purposeCode) || !CoversActor(actorOds))
        {
            return null;
        }

        var result = Deny;
        foreach (var nested in Nested)
        {
            // Nested provisions are exceptions to their parent: where one speaks, it wins.
            result = nested.Decide(purposeSystem, purposeCode, actorOds, at) ?? result;
        }

        return result;
    }

    private bool CoversPurpose(string? system, string code)
    {
        if (Purposes.Count == 0)
        {
            return true;
        }

        foreach (var (s, c) in Purposes)
        {
            if (c == code && (system is null || s is null || s == system))
            {
                return true;
            }
        }

        return false;
    }

    private bool CoversActor(string ods)
    {
        if (Actors.Count == 0 && !OtherActors)
        {
            return true;
        }

        // A deny naming recipients we cannot match to an organisation is applied to everyone: failing safe.
        return Actors.Contains(ods, StringComparer.Ordinal) || (OtherActors && Deny == true);
    }

    private static ProvisionRule Intern(ProvisionRule rule)
    {
        var key = new StringBuilder();
        rule.AppendKey(key);
        return Interned.GetOrAdd(key.ToString(), rule);
    }

    private void AppendKey(StringBuilder key)
    {
        key.Append(Deny switch { true => 'D', false => 'P', null => '-' }).Append(Start).Append('/').Append(End);
        foreach (var (s, c) in Purposes)
        {
            key.Append("|p:").Append(s).Append('#').Append(c);
        }

        foreach (var a in Actors)
        {
            key.Append("|a:").Append(a);
        }

        key.Append(OtherActors ? "|o" : string.Empty).Append('[');
        foreach (var n in Nested)
        {
            n.AppendKey(key);
            key.Append(',');
        }

        key.Append(']');
    }
}
