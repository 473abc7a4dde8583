using System.Globalization;
using System.Runtime.CompilerServices;
using Hl7.Fhir.Model;
using HistoryEngine.Runtime;

namespace HistoryEngine.Fhir;

/// <summary>
/// The SDC launch context a session gives a FHIR questionnaire, built from what the practice knows
/// (<see cref="PatientContext"/>): <c>%patient</c> as a FHIR Patient (id, NHS number, name, birth date, gender) and
/// <c>%user</c>, the person filling in (the patient, or a RelatedPerson for a carer). A context with nothing known
/// gives neither, so an expression reading them is unknown and the item starts empty, as before.
/// Also the patient's record as FHIR Observations, for x-fhir-query (<see cref="FhirQuery"/>).
/// </summary>
internal static class FhirLaunch
{
    public const string NhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";

    /// <summary>The launch context names the engine gives (others, such as <c>encounter</c>, are not given).</summary>
    public static readonly IReadOnlySet<string> Given = new HashSet<string>(StringComparer.Ordinal) { "patient", "user" };

    private sealed record Nodes(PocoNode? Patient, PocoNode? User);

    // A session's context never changes, so its resources are built once and shared by its expressions.
    private static readonly ConditionalWeakTable<PatientContext, Nodes> Built = new();

    /// <summary>Adds <c>%patient</c> and <c>%user</c> to an expression's environment when the context has them.</summary>
    public static void AddTo(IDictionary<string, IEnumerable<PocoNode>> environment, PatientContext context)
    {
        if (context.IsEmpty) return;
        var nodes = Built.GetValue(context, c => new Nodes(PatientOf(c).ToPocoNode(), UserOf(c).ToPocoNode()));
        if (nodes.Patient is { } patient) environment["patient"] = [patient];
        if (nodes.User is { } user) environment["user"] = [user];
    }

    public static Patient PatientOf(PatientContext c)
    {
        var patient = new Patient { Id = c.Id };
        if (c.NhsNumber is { } nhs) patient.Identifier.Add(new Identifier(NhsNumberSystem, nhs));
        if (c.Name is { } name) patient.Name.Add(new HumanName { Text = name, Use = HumanName.NameUse.Official });
        if (c.DateOfBirth is { } born) patient.BirthDate = born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (c.Sex is { } sex)
            patient.Gender = sex switch
            {
                PatientSex.Female => AdministrativeGender.Female,
                PatientSex.Male => AdministrativeGender.Male,
                _ => AdministrativeGender.Other,
            };
        return patient;
    }

    /// <summary>The person filling in: the patient, or a carer as a RelatedPerson of the patient.</summary>
    public static Resource UserOf(PatientContext c) => c.AnsweredBy is not { } carer
        ? PatientOf(c)
        : new RelatedPerson
        {
            Name = [new HumanName { Text = carer }],
            Patient = c.Id is null ? null! : new ResourceReference("Patient/" + c.Id),
        };

    /// <summary>One of the patient's record values as a final FHIR Observation of the patient.</summary>
    public static Observation ObservationOf(ContextObservation o, PatientContext c) => new()
    {
        Status = ObservationStatus.Final,
        Code = new CodeableConcept { Coding = [.. o.Codings.Select(c => new Coding(c.System, c.Code, c.Display))] },
        Subject = c.Id is null ? null : new ResourceReference("Patient/" + c.Id),
        Effective = new FhirDateTime(o.Effective.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
        Value = o.Number is { } n
            ? new Quantity { Value = n, Unit = o.Unit, System = o.Unit is null ? null : "http://unitsofmeasure.org", Code = o.Unit }
            : o.Text is { } text ? new FhirString(text) : null,
    };
}
