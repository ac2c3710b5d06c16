namespace ConsentApi.Identity;

/// <summary>The claims the registry's access tokens carry, and the actor types the audit records.</summary>
public static class IdentityClaims
{
    public const string Scope = "scope";
    public const string ClientId = "client_id";
    public const string ActorType = "actor_type";
    public const string Organisation = "ods";

    public const string NhsNumber = "nhs_number";

    /// <summary>Added per request: someone this patient may act for now as an approved proxy.</summary>
    public const string ActsFor = "acts_for";

    public const string ClientActor = "client";
    public const string PatientActor = "patient";
    public const string ProxyActor = "proxy";
}
