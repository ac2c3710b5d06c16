using ConsentApi.Population;

namespace ConsentApi.Synthetic;

/// <summary>A generated practice: where it is, its list size and how much more or less its patients object.</summary>
public sealed record SyntheticPractice(Practice Practice, int ListSize, double OptOutMultiplier, double TypeOneMultiplier);
