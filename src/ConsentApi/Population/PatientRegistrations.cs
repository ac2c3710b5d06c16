using System.Globalization;
using FhirAdapters.Primitives;
using Hl7.Fhir.Model;

namespace ConsentApi.Population;

/// <summary>
/// A FHIR Patient, as the national demographics service gives it, read as registrations: the NHS number, the
/// registered practice(s) in <c>generalPractitioner</c> by ODS code with the registration's start in
/// <c>identifier.period.start</c> (a move is a further practice with a later start), and the sex, birth date and
/// postcode that list sizes and account checks use. A registration's <c>period.end</c> (its last day) not followed
/// the next day by another registration is a removal from the day after, and <c>deceasedDateTime</c> ends
/// registration from the day after the death: each becomes a record with no practice. Registrations may not overlap.
/// Each problem names the element and what is wrong.
/// </summary>
public static class PatientRegistrations
{
    public const string OdsSystem = "https://fhir.nhs.uk/Id/ods-organization-code";

    public static (IReadOnlyList<RegistrationRecord> Registrations, IReadOnlyList<string> Problems) Read(Patient patient)
    {
        var problems = new List<string>();
        var numbers = patient.Identifier.Where(i => i.System == NhsNumber.System).ToList();
        long nhs = 0;
        if (numbers.Count != 1)
        {
            problems.Add($"Patient.identifier: exactly one NHS number ({NhsNumber.System}) is needed; found {numbers.Count}.");
        }
        else if (NhsNumber.Problem(numbers[0].Value) is { } bad)
        {
            problems.Add($"Patient.identifier.value: {bad}");
        }
        else if (!NhsNumber.TryParse(numbers[0].Value, out nhs))
        {
            problems.Add($"Patient.identifier.value: '{numbers[0].Value}' is not an NHS number.");
        }

        var sex = patient.Gender switch
        {
            AdministrativeGender.Male => "M",
            AdministrativeGender.Female => "F",
            _ => null,
        };
        if (sex is null)
        {
            problems.Add($"Patient.gender: '{patient.GenderElement?.JsonValue ?? "(none)"}' cannot be counted: the list sizes that rates divide by count male and female only.");
        }

        var birth = FhirDateRange.TryParse(patient.BirthDate, out var born) ? born : (FhirDateRange?)null;
        if (birth is null)
        {
            problems.Add("Patient.birthDate: a date of birth (at least the year) is needed.");
        }

        var postcode = patient.Address.Select(a => a.PostalCode).FirstOrDefault(p => !string.IsNullOrWhiteSpace(p))?.Replace(" ", "", StringComparison.Ordinal)
            .ToUpperInvariant();
        var periods = new List<(int Index, string Ods, DateOnly From, DateOnly? To)>();
        for (var i = 0; i < patient.GeneralPractitioner.Count; i++)
        {
            var at = $"Patient.generalPractitioner[{i}].identifier";
            var identifier = patient.GeneralPractitioner[i].Identifier;
            if (identifier is not { System: OdsSystem, Value: { } ods } || !OdsCode.IsValid(ods))
            {
                problems.Add($"{at}: the practice is named by its ODS code ({OdsSystem}); got {identifier?.System ?? "no identifier"} '{identifier?.Value}'.");
                continue;
            }

            if (Day(identifier.Period?.Start) is not { } from)
            {
                problems.Add($"{at}.period.start: the day the registration took effect is needed, as yyyy-mm-dd (got '{identifier.Period?.Start}').");
                continue;
            }

            DateOnly? to = null;
            if (identifier.Period?.End is { } end)
            {
                if (Day(end) is not { } last || last < from)
                {
                    problems.Add($"{at}.period.end: the last day registered, as yyyy-mm-dd on or after period.start {from:yyyy-MM-dd} (got '{end}').");
                    continue;
                }

                to = last;
            }

            periods.Add((i, ods, from, to));
        }

        if (patient.GeneralPractitioner.Count == 0)
        {
            problems.Add("Patient.generalPractitioner: the registered practice is needed.");
        }

        periods.Sort((x, y) => x.From.CompareTo(y.From));
        for (var i = 1; i < periods.Count; i++)
        {
            var (before, after) = (periods[i - 1], periods[i]);
            if (after.From == before.From)
            {
                problems.Add($"Patient.generalPractitioner: two registrations start on {after.From:yyyy-MM-dd}; a person is registered at one practice at a time.");
            }
            else if (before.To is { } to && to >= after.From)
            {
                problems.Add($"Patient.generalPractitioner[{before.Index}].identifier.period: registered at {before.Ods} until {to:yyyy-MM-dd}, which overlaps "
                    + $"the registration at {after.Ods} from {after.From:yyyy-MM-dd} (generalPractitioner[{after.Index}]); a person is registered at one practice at a time.");
            }
        }

        var death = Death(patient, periods, problems);
        if (problems.Count > 0 || birth is not { } b || sex is null || nhs == 0)
        {
            return ([], problems);
        }

        string? birthDate = b.Precision == FhirDateRangePrecision.Day ? patient.BirthDate : null;
        var records = new List<RegistrationRecord>();
        for (var i = 0; i < periods.Count; i++)
        {
            var (_, ods, from, to) = periods[i];
            records.Add(new RegistrationRecord(nhs, ods, from, sex, b.Start.Year, birthDate, postcode));
            var next = i + 1 < periods.Count ? periods[i + 1].From : (DateOnly?)null;
            if (to is { } last && next != last.AddDays(1) && (death is null || death > last.AddDays(1)))
            {
                records.Add(new RegistrationRecord(nhs, PatientRegistration.NotRegistered, last.AddDays(1), sex, b.Start.Year, birthDate, postcode,
                    RegistrationRecord.Removal));
            }
        }

        if (death is { } died)
        {
            records.Add(new RegistrationRecord(nhs, PatientRegistration.NotRegistered, died, sex, b.Start.Year, birthDate, postcode, RegistrationRecord.Death));
        }

        return ([.. records.OrderBy(r => r.From)], problems);
    }

    /// <summary>The day from which a person who died is registered nowhere (the day after their death), checked against their registrations.</summary>
    private static DateOnly? Death(Patient patient, List<(int Index, string Ods, DateOnly From, DateOnly? To)> periods, List<string> problems)
    {
        switch (patient.Deceased)
        {
            case null:
            case FhirBoolean { Value: false }:
                return null;
            case FhirBoolean:
                problems.Add("Patient.deceasedBoolean: give deceasedDateTime instead, so the registration ends on the right day.");
                return null;
            case FhirDateTime { Value: { Length: >= 10 } value } when Day(value[..10]) is { } day:
                if (periods.Count > 0 && day < periods[^1].From)
                {
                    problems.Add($"Patient.deceasedDateTime: {day:yyyy-MM-dd} is before the registration at {periods[^1].Ods} starts ({periods[^1].From:yyyy-MM-dd}).");
                    return null;
                }

                return day.AddDays(1);
            default:
                problems.Add("Patient.deceasedDateTime: the date of death is needed as a full date (yyyy-mm-dd), so the registration ends on the right day.");
                return null;
        }
    }

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
