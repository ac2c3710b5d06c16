using ConsentApi.Monitoring;

namespace ConsentApi.Population;

/// <summary>What a registrations load did: lines read, registrations stored and already held, or the problems that stopped it.</summary>
public sealed record RegistrationImport(int Lines, int Added, int AlreadyHeld, IReadOnlyList<ImportProblem> Problems);
