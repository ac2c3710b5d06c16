namespace ConsentPortal.Pages.Staff;

/// <summary>The design system's tag colour for a flag's or a job run's status, with its status in words.</summary>
public static class StatusTag
{
    public static string Class(string status) => "nhsuk-tag " + status switch
    {
        "open" or "failed" or "abandoned" => "nhsuk-tag--red",
        "investigating" => "nhsuk-tag--yellow",
        "explained" or "succeeded" => "nhsuk-tag--green",
        "running" => "nhsuk-tag--blue",
        _ => "nhsuk-tag--grey",
    };

    public static string Words(string status) => status switch
    {
        "open" => "Open",
        "investigating" => "Being investigated",
        "explained" => "Explained",
        "dismissed" => "Dismissed",
        "succeeded" => "Succeeded",
        "failed" => "Failed",
        "abandoned" => "Abandoned",
        "running" => "Running",
        "queued" => "Queued",
        { Length: > 0 } other => char.ToUpperInvariant(other[0]) + other[1..],
        _ => "Unknown",
    };

    /// <summary>An investigation's outcome category in words.</summary>
    public static string Outcome(string outcome) => outcome switch
    {
        "local-publicity" => "Local publicity",
        "coding-or-supplier-error" => "Coding or supplier error",
        "genuine-local-concern" => "Genuine local concern",
        "data-correction" => "Data correction",
        "other" => "Other",
        _ => outcome,
    };
}
