using ConsentApi.Population;
using FhirAdapters.Json;
using Hl7.Fhir.Model;

namespace ConsentApi.Tests.Population;

/// <summary>Builds a Patient as the national demographics service sends it to the registrations feed.</summary>
public sealed class PatientBuilder(string nhs)
{
    private readonly Patient _patient = new()
    {
        Identifier = [new Identifier(FhirAdapters.Primitives.NhsNumber.System, nhs)],
        Gender = AdministrativeGender.Female,
        BirthDate = "1980-05-17",
        Address = [new Address { PostalCode = "LS1 4AP" }],
    };

    public PatientBuilder RegisteredAt(string ods, string from, string? to = null)
    {
        _patient.GeneralPractitioner.Add(new ResourceReference
        {
            Type = "Organization",
            Identifier = new Identifier(PatientRegistrations.OdsSystem, ods) { Period = new Period { Start = from, End = to } },
        });
        return this;
    }

    public PatientBuilder Died(string on)
    {
        _patient.Deceased = new FhirDateTime(on);
        return this;
    }

    public PatientBuilder With(Action<Patient> change)
    {
        change(_patient);
        return this;
    }

    public string Json() => FhirJson.Serialize(_patient);
}
