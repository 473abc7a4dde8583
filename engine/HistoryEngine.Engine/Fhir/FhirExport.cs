using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using HistoryEngine.Runtime;

namespace HistoryEngine.Fhir;

/// <summary>
/// A session result in FHIR R4: the answers as a QuestionnaireResponse, the proposed record entries as
/// Observations (every coding the file gives each entry, UCUM units; entries of one panel as one Observation), and both in one transaction
/// Bundle. Every method returns JSON text, so the site can serve it as it is. Thread-safe.
/// </summary>
public static partial class FhirExport
{
    private const string Snomed = "http://snomed.info/sct", Loinc = "http://loinc.org", Ucum = "http://unitsofmeasure.org";

    /// <summary>The answers the result was given, replayed in the questionnaire, as a QuestionnaireResponse (JSON).</summary>
    public static string QuestionnaireResponse(SessionResult result, CompiledQuestionnaire questionnaire, string? patientReference = null, TimeProvider? clock = null) =>
        Serialize(BuildResponse(result, questionnaire, patientReference, clock ?? TimeProvider.System));

    /// <summary>The proposed record entries as Observations, in a JSON array.</summary>
    public static string Observations(SessionResult result, string? patientReference = null, TimeProvider? clock = null)
    {
        var observations = BuildObservations(result, patientReference, clock ?? TimeProvider.System, null);
        return "[" + string.Join(",", observations.Select(Serialize)) + "]";
    }

    /// <summary>The QuestionnaireResponse and the Observations derived from it, in one transaction Bundle (JSON).</summary>
    public static string Bundle(SessionResult result, CompiledQuestionnaire questionnaire, string? patientReference = null, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var response = BuildResponse(result, questionnaire, patientReference, clock);
        var responseUrl = "urn:uuid:" + Guid.NewGuid();
        var bundle = new Bundle { Type = Hl7.Fhir.Model.Bundle.BundleType.Transaction };
        bundle.Entry.Add(Entry(response, responseUrl));
        foreach (var observation in BuildObservations(result, patientReference, clock, responseUrl))
            bundle.Entry.Add(Entry(observation, "urn:uuid:" + Guid.NewGuid()));
        return Serialize(bundle);
    }

    private static Bundle.EntryComponent Entry(Resource resource, string fullUrl) => new()
    {
        FullUrl = fullUrl,
        Resource = resource,
        Request = new Bundle.RequestComponent { Method = Hl7.Fhir.Model.Bundle.HTTPVerb.POST, Url = resource.TypeName },
    };

    /// <summary>What the practice knows of a patient as a FHIR Patient: the same resource a questionnaire reads as
    /// <c>%patient</c> (id, NHS number, name, birth date, gender).</summary>
    public static string Patient(PatientContext patient) => Serialize(FhirLaunch.PatientOf(patient));

    internal static string Serialize(Resource resource) => new FhirJsonSerializer().SerializeToString(resource);

    internal static QuestionnaireResponse BuildResponse(SessionResult result, CompiledQuestionnaire questionnaire, string? patientReference, TimeProvider clock)
    {
        var session = questionnaire.CreateSession(clock);
        using (var answers = JsonDocument.Parse(result.AnswersJson)) session.SetAnswers(answers.RootElement);
        var response = ResponseBuilder.Build(questionnaire.Items.Where(i => i.Parent is null), session.EffectiveValues, clock.LocalTimeZone);
        response.Status = result.Complete
            ? Hl7.Fhir.Model.QuestionnaireResponse.QuestionnaireResponseStatus.Completed
            : Hl7.Fhir.Model.QuestionnaireResponse.QuestionnaireResponseStatus.InProgress;
        if (CanonicalOf(questionnaire) is { } canonical) response.Questionnaire = canonical;
        response.Authored = ResponseBuilder.DateTimeText(clock.GetLocalNow().DateTime, clock.LocalTimeZone);
        if (patientReference is not null) response.Subject = new ResourceReference(patientReference);
        return response;
    }

    /// <summary>
    /// The canonical a response names: a FHIR questionnaire's own url, with <c>|version</c> only when it has a version,
    /// and none at all when it has no url (no address is made up for it); a native questionnaire's is the url its
    /// export gets, with its version.
    /// </summary>
    internal static string? CanonicalOf(CompiledQuestionnaire questionnaire)
    {
        if (FhirQuestionnaireInfo.Get(questionnaire.Definition) is { } fhir)
            return fhir.Url is null ? null : fhir.Version is null ? fhir.Url : $"{fhir.Url}|{fhir.Version}";
        return $"{FhirElements.EngineBase}Questionnaire/{ResourceId(questionnaire.Id)}|{questionnaire.Version}";
    }

    /// <summary>An id FHIR accepts (letters, digits, - and ., at most 64) made from a questionnaire id.</summary>
    internal static string ResourceId(string id)
    {
        var clean = new string([.. id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-')]).Trim('-');
        return clean.Length == 0 ? "questionnaire" : clean[..Math.Min(64, clean.Length)];
    }

    private static List<Observation> BuildObservations(SessionResult result, string? patientReference, TimeProvider clock, string? responseUrl)
    {
        var effective = new FhirDateTime(ResponseBuilder.DateTimeText(clock.GetLocalNow().DateTime, clock.LocalTimeZone));
        // An entry that says the day its value was taken (the file's `taken:`, as the diary's averages are dated by the
        // last reading) is effective that day; any other is effective when the result is exported.
        Observation New(CodeableConcept code, DateOnly? taken)
        {
            var o = new Observation
            {
                Status = ObservationStatus.Final, Code = code,
                Effective = taken is { } day ? new FhirDateTime(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : effective,
            };
            if (patientReference is not null) o.Subject = new ResourceReference(patientReference);
            if (responseUrl is not null) o.DerivedFrom.Add(new ResourceReference(responseUrl));
            return o;
        }
        var observations = new List<Observation>();
        var entries = result.Entries.ToList();
        // Entries of the same panel (the file's `panel:`, such as the home BP averages in the LOINC mean blood pressure
        // panel) are one Observation with a component each, when they were taken the same day; a panel of one entry is
        // just that entry.
        foreach (var group in entries.GroupBy(e => e.Panel is { } p ? $"{p.System}|{p.Code}|{e.Taken:yyyy-MM-dd}" : null))
        {
            if (group.Key is not null && group.Count() > 1)
            {
                var p = group.First().Panel!;
                var panel = New(new CodeableConcept(p.System, p.Code, p.Display), group.First().Taken);
                foreach (var entry in group) panel.Component.Add(new Observation.ComponentComponent { Code = Concept(entry), Value = ValueOf(entry) });
                observations.Add(panel);
                continue;
            }
            foreach (var entry in group)
            {
                var o = New(Concept(entry), entry.Taken);
                o.Value = ValueOf(entry);
                observations.Add(o);
            }
        }
        return observations;
    }

    /// <summary>Every coding of the entry, the primary first.</summary>
    private static CodeableConcept Concept(ProposedEntry entry)
    {
        var concept = new CodeableConcept { Text = entry.Display };
        foreach (var c in entry.Codings) concept.Coding.Add(new Coding(c.System, c.Code, c.Display));
        return concept;
    }

    private static DataType? ValueOf(ProposedEntry entry) => entry.Value switch
    {
        decimal d => new Quantity { Value = d, Unit = entry.Unit, System = entry.Unit is null ? null : Ucum, Code = entry.Unit },
        bool b => new FhirBoolean(b),
        string s => new FhirString(s),
        null => null,
        var other => new FhirString(Convert.ToString(other, CultureInfo.InvariantCulture)),
    };
}
