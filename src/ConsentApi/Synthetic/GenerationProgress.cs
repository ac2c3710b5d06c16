namespace ConsentApi.Synthetic;

/// <summary>Where a generation run has got to.</summary>
public sealed record GenerationProgress(int PracticesDone, int Practices, long Patients, long Objections, TimeSpan Elapsed);
