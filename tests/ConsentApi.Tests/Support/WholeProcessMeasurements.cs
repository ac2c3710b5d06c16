namespace ConsentApi.Tests.Support;

/// <summary>
/// Tests that judge the whole test process (its managed heap) run alone, after every parallel test has finished:
/// a registry host started by another test class beside them would count towards what they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WholeProcessMeasurements
{
    public const string Name = "Whole-process measurements";
}
