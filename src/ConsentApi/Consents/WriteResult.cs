namespace ConsentApi.Consents;

/// <summary>What a write did: which version it produced (or found), and how.</summary>
public sealed record WriteResult(ConsentVersion Version, WriteKind Kind);
