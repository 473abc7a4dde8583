using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Features.Fhir;

/// <summary>
/// Filed record entries as FHIR R4 Observations in a searchset Bundle, built with the Firely model as the engine's
/// export is: code as filed (every coding, the primary first), the value as a UCUM Quantity when it is a number,
/// issued when it was filed, effective the day it was taken when a clinician who added it directly gave one, derived
/// from the submission's QuestionnaireResponse; a correction has status
/// "corrected" (the entry it replaced is no longer current and is not listed). Thread-safe.
/// </summary>
public static class RecordObservations
{
    private const string Ucum = "http://unitsofmeasure.org";

    public static string SearchBundle(IReadOnlyList<RecordEntry> entries, DateTimeOffset now)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Timestamp = now.ToUniversalTime(), Total = entries.Count };
        foreach (var e in entries)
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = "Observation/" + e.Id,
                Resource = Observation(e),
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        return new FhirJsonSerializer().SerializeToString(bundle);
    }

    /// <summary>An OperationOutcome saying why a request was refused.</summary>
    public static string Invalid(string why) => new FhirJsonSerializer().SerializeToString(new OperationOutcome
    {
        Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = OperationOutcome.IssueType.Invalid, Diagnostics = why }],
    });

    private static Observation Observation(RecordEntry e)
    {
        var code = new CodeableConcept { Text = e.Display };
        foreach (var c in e.Codings)
            code.Coding.Add(new Coding(c.System, c.Code, c.Display));
        var observation = new Observation
        {
            Id = e.Id,
            Status = e.SupersedesId is null ? ObservationStatus.Final : ObservationStatus.Corrected,
            Code = code,
            Subject = new ResourceReference("Patient/" + e.PatientId),
            Issued = e.FiledAt.ToUniversalTime(),
            Value = ValueOf(e),
        };
        // The day a clinician said the result was taken (an entry added directly); the day alone, as it was given.
        if (e.TakenOn is { } taken)
            observation.Effective = new FhirDateTime(taken.Year, taken.Month, taken.Day);
        if (e.SubmissionId is { } submission)
            observation.DerivedFrom.Add(new ResourceReference("QuestionnaireResponse/" + submission));
        return observation;
    }

    private static DataType? ValueOf(RecordEntry e)
    {
        if (e.Number is { } number)
            return new Quantity { Value = number, Unit = e.Unit, System = e.Unit is null ? null : Ucum, Code = e.Unit };
        return e.Value switch
        {
            "true" or "false" => new FhirBoolean(e.Value == "true"),
            { } text => new FhirString(text),
            null => null,
        };
    }
}
