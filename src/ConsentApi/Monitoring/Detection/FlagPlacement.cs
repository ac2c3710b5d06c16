namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// Where a new finding goes: it opens an episode (both null), joins the episode another finding of the same run
/// opens (<see cref="Leader"/>), or joins an open episode already stored (<see cref="Episode"/>, the opening flag's id).
/// </summary>
public sealed record FlagPlacement(Finding Finding, Finding? Leader, long? Episode);
