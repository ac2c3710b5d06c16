using Microsoft.AspNetCore.Authorization;

namespace ConsentApi.Identity;

/// <summary>The named authorization policies endpoints require, one per kind of access.</summary>
public static class AccessPolicies
{
    public const string ConsentRead = "consent-read";
    public const string ConsentSearch = "consent-search";
    public const string ConsentCreate = "consent-create";
    public const string ConsentUpdate = "consent-update";
    public const string ConsentDelete = "consent-delete";
    public const string AuditSearch = "audit-search";
    public const string Decisions = "decisions";
    public const string Monitoring = "monitoring";
    public const string Admin = "admin";
    public const string SubscriptionCreate = "subscription-create";
    public const string SubscriptionRead = "subscription-read";
    public const string SubscriptionUpdate = "subscription-update";
    public const string SubscriptionDelete = "subscription-delete";
    public const string SubscriptionSearch = "subscription-search";
    public const string RegistrationCreate = "registration-create";
    public const string RegistrationUpdate = "registration-update";
    public const string RegistrationRead = "registration-read";

    public static void Add(AuthorizationOptions options)
    {
        Add(options, ConsentRead, ScopeRequirement.On("Consent", 'r'));
        Add(options, ConsentSearch, ScopeRequirement.On("Consent", 's'));
        Add(options, ConsentCreate, ScopeRequirement.On("Consent", 'c'));
        Add(options, ConsentUpdate, ScopeRequirement.On("Consent", 'u'));
        Add(options, ConsentDelete, ScopeRequirement.On("Consent", 'd'));
        Add(options, AuditSearch, ScopeRequirement.On("AuditEvent", 's'));
        Add(options, Decisions, ScopeRequirement.Registry(RegistryScopes.Decisions));
        Add(options, Monitoring, ScopeRequirement.Registry(RegistryScopes.Monitoring));
        Add(options, Admin, ScopeRequirement.Registry(RegistryScopes.Admin));
        Add(options, SubscriptionCreate, ScopeRequirement.On("Subscription", 'c'));
        Add(options, SubscriptionRead, ScopeRequirement.On("Subscription", 'r'));
        Add(options, SubscriptionUpdate, ScopeRequirement.On("Subscription", 'u'));
        Add(options, SubscriptionDelete, ScopeRequirement.On("Subscription", 'd'));
        Add(options, SubscriptionSearch, ScopeRequirement.On("Subscription", 's'));
        Add(options, RegistrationCreate, ScopeRequirement.On("Patient", 'c'));
        Add(options, RegistrationUpdate, ScopeRequirement.On("Patient", 'u'));
        Add(options, RegistrationRead, ScopeRequirement.On("Patient", 'r'));

        // Anything not marked otherwise needs a valid token: public endpoints say AllowAnonymous explicitly.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }

    private static void Add(AuthorizationOptions options, string name, ScopeRequirement requirement) =>
        options.AddPolicy(name, policy => policy.RequireAuthenticatedUser().AddRequirements(requirement));
}
