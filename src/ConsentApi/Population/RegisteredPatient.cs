using System.Globalization;
using FhirAdapters.Primitives;
using Hl7.Fhir.Model;

namespace ConsentApi.Population;

/// <summary>
/// What the registry holds about a person's registrations, written back as a FHIR Patient: the NHS number (also the
/// resource's id), sex, date of birth as far as known, each registration in <c>generalPractitioner</c> with its
/// period (ended the day before the next one, or by a removal), and the date of death. The registry keeps no other
/// demographics: this is what the feed's sender can check it against.
/// </summary>
public static class RegisteredPatient
{
    public static Patient From(IReadOnlyList<PatientRegistration> rows)
    {
        var latest = rows[^1];
        var patient = new Patient
        {
            Id = latest.NhsNumber.ToString(CultureInfo.InvariantCulture),
            Meta = new Meta { LastUpdated = rows.Max(r => r.RecordedTicks) is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null },
            Identifier = [new Identifier(NhsNumber.System, latest.NhsNumber.ToString("D10", CultureInfo.InvariantCulture))],
            Gender = latest.Sex == "F" ? AdministrativeGender.Female : AdministrativeGender.Male,
            BirthDate = rows.Select(r => r.BirthDate).LastOrDefault(d => d is not null) ?? latest.BirthYear.ToString(CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.EndedReason is not null)
            {
                if (row.EndedReason == RegistrationRecord.Death)
                {
                    patient.Deceased = new FhirDateTime(Day(row.RegisteredFromTicks).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }

                continue;
            }

            var period = new Period { Start = Text(row.RegisteredFromTicks) };
            if (i + 1 < rows.Count)
            {
                period.End = Day(rows[i + 1].RegisteredFromTicks).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }

            patient.GeneralPractitioner.Add(new ResourceReference
            {
                Identifier = new Identifier(PatientRegistrations.OdsSystem, row.PracticeOdsCode) { Period = period },
            });
        }

        return patient;
    }

    private static DateOnly Day(long ticks) => DateOnly.FromDateTime(new DateTime(ticks, DateTimeKind.Utc));

    private static string Text(long ticks) => Day(ticks).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
