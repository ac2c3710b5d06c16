using System.Globalization;
using ConsentApi.Fhir;
using ConsentApi.Monitoring.Rates;
using ConsentApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConsentApi.Monitoring;

/// <summary>Shared reading for the monitoring endpoints: which day and revision to show, and parameter checks with clear errors.</summary>
public static class MonitoringQueries
{
    /// <summary>The day asked for (or the latest computed) and its current revision; 404 when no rates exist for it.</summary>
    public static async Task<RateDay> DayAsync(RegistryDbContext db, string? day, CancellationToken ct)
    {
        if (day is not null && !DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw RequestValues.Bad("day", $"day must be a date as yyyy-mm-dd (got '{day}').");
        }

        var query = db.RateDays.AsNoTracking();
        var found = day is null
            ? await query.OrderByDescending(d => d.Day).ThenByDescending(d => d.Revision).FirstOrDefaultAsync(ct)
            : await query.Where(d => d.Day == day).OrderByDescending(d => d.Revision).FirstOrDefaultAsync(ct);
        return found ?? throw new FhirErrorException(StatusCodes.Status404NotFound, "not-found", day is null
            ? "No objection rates have been computed yet: run the rates job (POST /monitoring/jobs/rates/runs)."
            : $"No objection rates have been computed for {day}: run the rates job for that day (POST /monitoring/jobs/rates/runs).");
    }

    public static string Level(string? level)
    {
        var value = level ?? RateLevels.Practice;
        return RateLevels.IsKnown(value) ? value
            : throw RequestValues.Bad("level", $"level must be one of {string.Join(", ", RateLevels.Ordered)} (got '{level}').");
    }

    public static string Policy(string? policy, IEnumerable<string> known, string fallback)
    {
        var list = known.ToList();
        var value = policy ?? fallback;
        return list.Contains(value, StringComparer.Ordinal) ? value
            : throw RequestValues.Bad("policy", $"policy must be one of the monitored policies: {string.Join(", ", list)} (got '{policy}').");
    }

    public static int Bounded(int? value, string parameter, int fallback, int min, int max) =>
        value is null ? fallback
        : value < min || value > max ? throw RequestValues.Bad(parameter, $"{parameter} must be between {min} and {max} (got {value}).")
        : value.Value;

    public static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
