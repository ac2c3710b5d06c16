namespace ConsentApi.Accounts;

/// <summary>A code from the person's authenticator app, proving it holds the key before two-factor sign-in is turned on.</summary>
public sealed record TwoFactorInput(string? Code);
