namespace FhirAdapters.Model;

/// <summary>The resource types this library models, by name.</summary>
internal static class ResourceTypes
{
    private static readonly Dictionary<string, FhirTypeInfo> ByName = new(StringComparer.Ordinal)
    {
        ["Consent"] = Consent.Info,
        ["Bundle"] = Bundle.Info,
        ["OperationOutcome"] = OperationOutcome.Info,
        ["CapabilityStatement"] = CapabilityStatement.Info,
        ["Parameters"] = Parameters.Info,
        ["AuditEvent"] = AuditEvent.Info,
        ["Subscription"] = Subscription.Info,
    };

    public static bool TryGet(string name, out FhirTypeInfo info) => ByName.TryGetValue(name, out info!);

    public static IEnumerable<string> Names => ByName.Keys;
}
