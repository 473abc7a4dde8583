using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using HistoryEngine.Runtime;

namespace HistoryEngine.Fhir;

/// <summary>
/// A session result in FHIR R4: the answers as a QuestionnaireResponse, the proposed record entries as
/// Observations (SNOMED CT with the LOINC equivalent where there is one, UCUM units), and both in one transaction
/// Bundle. Every method returns JSON text, so the site can serve it as it is. Thread-safe.
/// </summary>
public static partial class FhirExport
{
    private const string Snomed = "http://snomed.info/sct", Loinc = "http://loinc.org", Ucum = "http://unitsofmeasure.org";

    /// <summary>
    /// SNOMED CT codes the shipped files propose, with the LOINC code for the same observation: for results whose entry
    /// carries no LOINC coding of its own. The files now give these codings themselves (bp-check, home-bp-diary).
    /// </summary>
    private static readonly Dictionary<string, (string Code, string Display)> LoincFor = new(StringComparer.Ordinal)
    {
        ["407554009"] = ("8459-0", "Systolic blood pressure--sitting"),
        ["407555005"] = ("8453-3", "Diastolic blood pressure--sitting"),
        ["400974009"] = ("8460-8", "Systolic blood pressure--standing"),
        ["400975005"] = ("8454-1", "Diastolic blood pressure--standing"),
        ["413606001"] = ("96608-5", "Systolic blood pressure mean"),
        ["413605002"] = ("96609-3", "Diastolic blood pressure mean"),
    };

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
        Observation New(CodeableConcept code)
        {
            var o = new Observation { Status = ObservationStatus.Final, Code = code, Effective = effective };
            if (patientReference is not null) o.Subject = new ResourceReference(patientReference);
            if (responseUrl is not null) o.DerivedFrom.Add(new ResourceReference(responseUrl));
            return o;
        }
        var observations = new List<Observation>();
        var entries = result.Entries.ToList();
        // The home BP averages go together as the LOINC mean blood pressure panel.
        var systolic = entries.FirstOrDefault(e => e.System == Snomed && e.Code == "413606001");
        var diastolic = entries.FirstOrDefault(e => e.System == Snomed && e.Code == "413605002");
        if (systolic is not null && diastolic is not null)
        {
            var panel = New(new CodeableConcept(Loinc, "96607-7", "Blood pressure panel mean systolic and mean diastolic"));
            panel.Component.Add(new Observation.ComponentComponent { Code = Concept(systolic), Value = ValueOf(systolic) });
            panel.Component.Add(new Observation.ComponentComponent { Code = Concept(diastolic), Value = ValueOf(diastolic) });
            observations.Add(panel);
            entries.Remove(systolic);
            entries.Remove(diastolic);
        }
        foreach (var entry in entries)
        {
            var o = New(Concept(entry));
            o.Value = ValueOf(entry);
            observations.Add(o);
        }
        return observations;
    }

    /// <summary>Every coding of the entry, the primary first.</summary>
    private static CodeableConcept Concept(ProposedEntry entry)
    {
        var concept = new CodeableConcept { Text = entry.Display };
        foreach (var c in entry.Codings) concept.Coding.Add(new Coding(c.System, c.Code, c.Display));
        // A result from a file version written before entries had codings (an archived submission) still gets its LOINC.
        if (entry.System == Snomed && entry.Codings.All(c => c.System != Loinc) && LoincFor.TryGetValue(entry.Code, out var loinc))
            concept.Coding.Add(new Coding(Loinc, loinc.Code, loinc.Display));
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
