namespace ConsentApi.Population;

/// <summary>
/// What one Patient from the registrations feed changed: the person, whether the registry held them before, the rows
/// added and already held, the earliest day an added row takes effect (a backdated change revises rates from then),
/// and every row now held, oldest first.
/// </summary>
public sealed record RegistrationChange(long NhsNumber, bool WasKnown, int Added, int AlreadyHeld, DateOnly? EarliestChange,
    IReadOnlyList<PatientRegistration> Held);
