namespace ConsentApi.Demo;

/// <summary>Whether to seed demonstration Consents at start-up (on in Development, off elsewhere).</summary>
public sealed class DemoDataOptions
{
    public const string Section = "Demo";

    public bool Seed { get; set; }
}
