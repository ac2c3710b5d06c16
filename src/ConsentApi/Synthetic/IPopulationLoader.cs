using ConsentApi.Consents;
using ConsentApi.Population;

namespace ConsentApi.Synthetic;

/// <summary>Writes a generated population into the registry's database by the provider's fastest path.</summary>
public interface IPopulationLoader : IAsyncDisposable
{
    /// <summary>The next free Consent version sequence number (after anything already stored).</summary>
    long NextSeq { get; }

    /// <summary>Whether a population (practices) is already loaded.</summary>
    Task<bool> HasPopulationAsync(CancellationToken ct);

    Task BeginAsync(CancellationToken ct);

    void AddPractice(Practice practice);

    void AddRegistration(long nhsNumber, string practiceOds, string sex, int birthYear, long registeredFromTicks);

    /// <summary>Adds a Consent version with its search rows; <see cref="ConsentVersion.Seq"/> is already set.</summary>
    void AddConsentVersion(ConsentVersion version);

    Task CompleteAsync(CancellationToken ct);
}
