namespace ConsentApi.Monitoring.Detection;

/// <summary>One unit's place on a funnel: its rate, z-score (overdispersion-adjusted) and limits as proportions.</summary>
public sealed record FunnelUnit(string Area, long Events, long Population, double Rate, double Z, double Lower95, double Upper95,
    double Lower998, double Upper998)
{
    public bool Outside998 => Rate < Lower998 || Rate > Upper998;
    public bool Outside95 => Rate < Lower95 || Rate > Upper95;
}
