namespace ConsentApi.Monitoring.Detection;

/// <summary>
/// Indirect standardisation against the nation's movement. The reference for unit u in week t is what the nation's
/// usual rate, moved as the nation moved that week (<see cref="NationalMovement"/>), would give its list:
/// ref(u,t) = M(t) × r̄ × l(u,t). Over the baseline (up to a year before the judged window) the unit's ratio is
/// R = (Σy + a) / (Σref + a), shrunk towards the nation by a = <see cref="PriorEvents"/> expected objections so that a
/// tiny practice's quiet year does not make any objection look impossible. What each week of the window should have
/// held is then E(t) = R × ref(u,t): the unit's own level, its current list size (a list that grows moves the
/// expectation, not the signal) and the nation's movement that week (a national dip or news week moves every
/// expectation together). A step in the list size of 15% or more in a week (a merger or split) restarts the
/// baseline, so the unit is judged over time again once it has 26 weeks of history as the new practice (a ratio
/// estimated from fewer weeks was wrong often enough to raise false alarms after mergers). A unit with no list size
/// in the judged week is judged on its counts alone: its usual count moved as the nation moved.
/// </summary>
public static class NationalAdjustment
{
    public const int BaselineWeeks = 52;
    public const int MinimumBaselineWeeks = 12;

    /// <summary>Weeks judged together: the judged week and the ones before it that the CUSUM sums over.</summary>
    public const int WindowWeeks = 5;
    public const double PriorEvents = 5;

    /// <summary>A change of list size from one week to the next this large (a merger or split) restarts the baseline.</summary>
    public const double ListStep = 0.15;

    /// <summary>Weeks of history a practice needs after such a step before it is judged over time again (the funnel still watches it).</summary>
    public const int AfterStepBaselineWeeks = 26;

    /// <summary>The first week of the window that ends at <paramref name="judged"/>, and the first of the baseline before it.</summary>
    public static (int BaselineStart, int WindowStart) Window(int judged) =>
        (Math.Max(0, judged - WindowWeeks + 1 - BaselineWeeks), judged - WindowWeeks + 1);

    public static AdjustedSeries? Adjust(WeeklyPanel panel, PanelUnit unit, int judged, NationalMovement movement)
    {
        var (windowBaseline, windowStart) = Window(judged);
        if (windowStart < MinimumBaselineWeeks)
        {
            return null;
        }

        var perPatient = unit.ListSizes[judged] > 0;
        double Reference(int t) => perPatient
            ? unit.ListSizes[t] > 0 ? movement.Factor(t) * movement.BaselineRate * unit.ListSizes[t] : double.NaN
            : movement.Factor(t);

        var step = LastStep(unit.ListSizes, judged);
        var baselineStart = Math.Max(windowBaseline, step);
        double sumY = 0, sumE = 0;
        var n = 0;
        var reference = new double[judged + 1];
        for (var t = baselineStart; t <= judged; t++)
        {
            reference[t] = Reference(t);
            if (t < windowStart && double.IsFinite(reference[t]) && reference[t] > 0)
            {
                sumY += unit.Counts[t];
                sumE += reference[t];
                n++;
            }
        }

        if (n < (step > 0 ? AfterStepBaselineWeeks : MinimumBaselineWeeks) || !double.IsFinite(reference[judged]) || reference[judged] <= 0)
        {
            return null;
        }

        // Shrinkage towards the nation is by expected objections; on counts alone (no list) the reference is not a
        // count, so the prior is put in the unit's own units: a weeks of its average.
        var prior = perPatient ? PriorEvents : 0;
        var ratio = (sumY + prior) / (sumE + prior);
        double pearson = 0;
        for (var t = baselineStart; t < windowStart; t++)
        {
            if (double.IsFinite(reference[t]) && reference[t] > 0 && ratio > 0)
            {
                var e = ratio * reference[t];
                pearson += (unit.Counts[t] - e) * (unit.Counts[t] - e) / e;
            }
        }

        var observed = new double[WindowWeeks];
        var expected = new double[WindowWeeks];
        for (var i = 0; i < WindowWeeks; i++)
        {
            var t = windowStart + i;
            observed[i] = unit.Counts[t];
            expected[i] = double.IsFinite(reference[t]) && reference[t] > 0 ? ratio * reference[t] : double.NaN;
        }

        return new AdjustedSeries(unit, [.. panel.Weeks.Skip(windowStart).Take(WindowWeeks)], observed, expected, ratio, n, ratio * sumE / n, pearson,
            n - 1, perPatient);
    }

    /// <summary>The latest week up to <paramref name="judged"/> whose list size differs from the week before's by <see cref="ListStep"/> or more; 0 if none.</summary>
    private static int LastStep(double[] lists, int judged)
    {
        for (var t = judged; t > 0; t--)
        {
            if (lists[t] > 0 && lists[t - 1] > 0 && Math.Abs(lists[t] / lists[t - 1] - 1) >= ListStep)
            {
                return t;
            }
        }

        return 0;
    }
}
