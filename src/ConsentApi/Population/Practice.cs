namespace ConsentApi.Population;

/// <summary>A GP practice and where it sits: sub-ICB location, ICB and NHS England region.</summary>
public sealed class Practice
{
    public required string OdsCode { get; set; }
    public required string Name { get; set; }
    public required string SubIcbCode { get; set; }
    public required string SubIcbName { get; set; }
    public required string IcbCode { get; set; }
    public required string IcbName { get; set; }
    public required string RegionCode { get; set; }
    public required string RegionName { get; set; }
}
