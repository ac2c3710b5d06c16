using System.Globalization;
using FhirAdapters.Primitives;
using Hl7.Fhir.Model;

namespace ConsentApi.Population;

/// <summary>
/// A FHIR Patient, as the national demographics service gives it, read as registrations: the NHS number, the
/// registered practice(s) in <c>generalPractitioner</c> by ODS code with the registration's start in
/// <c>identifier.period.start</c> (a move is a further practice with a later start), and the sex, birth date and
/// postcode that list sizes and account checks use. Each problem names the element and what is wrong.
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

        if (patient.Deceased is not null)
        {
            problems.Add("Patient.deceased[x]: deaths are not taken from this feed yet; leave the person out of the batch.");
        }

        var postcode = patient.Address.Select(a => a.PostalCode).FirstOrDefault(p => !string.IsNullOrWhiteSpace(p))?.Replace(" ", "", StringComparison.Ordinal)
            .ToUpperInvariant();
        var registrations = new List<RegistrationRecord>();
        for (var i = 0; i < patient.GeneralPractitioner.Count; i++)
        {
            var at = $"Patient.generalPractitioner[{i}].identifier";
            var identifier = patient.GeneralPractitioner[i].Identifier;
            if (identifier is not { System: OdsSystem, Value: { } ods } || !OdsCode.IsValid(ods))
            {
                problems.Add($"{at}: the practice is named by its ODS code ({OdsSystem}); got {identifier?.System ?? "no identifier"} '{identifier?.Value}'.");
                continue;
            }

            if (!DateOnly.TryParseExact(identifier.Period?.Start ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
            {
                problems.Add($"{at}.period.start: the day the registration took effect is needed, as yyyy-mm-dd (got '{identifier.Period?.Start}').");
                continue;
            }

            if (identifier.Period?.End is not null)
            {
                problems.Add($"{at}.period.end: an ended registration is recorded by the next practice's start (a move) or, for a removal, not yet by this feed.");
                continue;
            }

            if (birth is { } b && sex is not null && nhs != 0)
            {
                registrations.Add(new RegistrationRecord(nhs, ods, from, sex, b.Start.Year, b.Precision == FhirDateRangePrecision.Day ? patient.BirthDate : null, postcode));
            }
        }

        if (patient.GeneralPractitioner.Count == 0)
        {
            problems.Add("Patient.generalPractitioner: the registered practice is needed.");
        }

        var starts = registrations.GroupBy(r => r.From).FirstOrDefault(g => g.Count() > 1);
        if (starts is not null)
        {
            problems.Add($"Patient.generalPractitioner: {starts.Count()} registrations start on {starts.Key:yyyy-MM-dd}; a person is registered at one practice at a time.");
        }

        return (problems.Count == 0 ? registrations.OrderBy(r => r.From).ToList() : [], problems);
    }
}
