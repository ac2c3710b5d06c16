namespace ConsentApi.Identity;

/// <summary>A token presented by a client that has been disabled since it was issued.</summary>
public sealed class ClientDisabledException(string clientId)
    : Exception($"Client '{clientId}' has been disabled: its tokens are no longer accepted.");
