using Hangfire;
using OpenIddict.Abstractions;

namespace ConsentApi.Identity.TokenServer;

/// <summary>
/// Keeps OpenIddict's token store from growing without end: once a day, entries more than <see cref="KeepDays"/> days old
/// that can no longer be used (expired, redeemed, revoked, or of an ended sign-in) are removed, with the ended
/// authorizations. Every code and every refresh of every person's app leaves an entry. The recent ones stay, so a
/// refresh token presented again is still recognised as used. The registry's own
/// records (client versions, the audit) are not touched.
/// </summary>
public sealed class TokenStorePruning(IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations, TimeProvider time)
{
    public const int KeepDays = 14;

    [JobDisplayName("Identity: prune spent tokens")]
    public async Task<long> PruneAsync(CancellationToken ct)
    {
        var threshold = time.GetUtcNow().AddDays(-KeepDays);
        var removed = await tokens.PruneAsync(threshold, ct);
        return removed + await authorizations.PruneAsync(threshold, ct);
    }
}
