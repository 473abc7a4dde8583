using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using HistoryEngine.Web.Features.Fhir;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Site.Review;

/// <summary>The Observations the site serves at /fhir/Observation, read back with Firely's strict R4 parser.</summary>
public class RecordObservationsTests
{
    private static readonly DateTimeOffset Filed = new(2026, 3, 1, 8, 30, 0, TimeSpan.Zero);

    private static RecordEntry Entry(string id, string? value, string? unit, string? submission = null, string? supersedes = null) =>
        new(id, "patient-1", "http://snomed.info/sct", "1234", "A test entry", value, unit, "clinician-1", Filed,
            submission, "1.0.0", supersedes);

    [Fact]
    public void SearchBundle_ParsesAsValidR4_WithEveryKindOfValue()
    {
        var entries = new[]
        {
            Entry("number", "140", "mm[Hg]", submission: "sub-1") with
            {
                Codings = new RecordCodings([new("http://snomed.info/sct", "1234", "A test entry"), new("http://loinc.org", "5678-9", "The same, in LOINC")]),
            },
            Entry("corrected", "87.5", "mm[Hg]", supersedes: "number-old"),
            Entry("yes-no", "true", null),
            Entry("words", "Left arm", null),
            Entry("nothing", null, null),
        };

        var json = RecordObservations.SearchBundle(entries, Filed.AddDays(1));
        var bundle = FhirJsonDeserializer.STRICT.Deserialize<Bundle>(json); // throws on anything that is not valid R4

        Assert.Equal(Bundle.BundleType.Searchset, bundle.Type);
        Assert.Equal(5, bundle.Total);
        Assert.All(bundle.Entry, e => Assert.Equal(Bundle.SearchEntryMode.Match, e.Search?.Mode));
        var observations = bundle.Entry.Select(e => Assert.IsType<Observation>(e.Resource)).ToDictionary(o => o.Id!);
        Assert.Equal("Observation/number", bundle.Entry[0].FullUrl);

        var number = observations["number"];
        Assert.Equal(ObservationStatus.Final, number.Status);
        Assert.Equal(["http://snomed.info/sct|1234", "http://loinc.org|5678-9"], number.Code.Coding.Select(c => c.System + "|" + c.Code));
        Assert.Equal("A test entry", number.Code.Text);
        Assert.Equal("Patient/patient-1", number.Subject?.Reference);
        Assert.Equal(Filed, number.Issued);
        var quantity = Assert.IsType<Quantity>(number.Value);
        Assert.Equal((140m, "mm[Hg]", "http://unitsofmeasure.org", "mm[Hg]"), (quantity.Value, quantity.Unit, quantity.System, quantity.Code));
        Assert.Equal("QuestionnaireResponse/sub-1", Assert.Single(number.DerivedFrom).Reference);

        Assert.Equal(ObservationStatus.Corrected, observations["corrected"].Status);
        Assert.Equal(87.5m, Assert.IsType<Quantity>(observations["corrected"].Value).Value);
        Assert.Empty(observations["corrected"].DerivedFrom);
        Assert.True(Assert.IsType<FhirBoolean>(observations["yes-no"].Value).Value);
        Assert.Equal("Left arm", Assert.IsType<FhirString>(observations["words"].Value).Value);
        Assert.Null(observations["nothing"].Value);
    }

    [Fact]
    public void AnEntryAddedDirectly_IsEffectiveTheDayItWasTaken_AndOneFiledFromASubmissionHasNoEffective()
    {
        var entries = new[] { Entry("added", "48", "mmol/mol") with { TakenOn = new DateOnly(2026, 2, 20) }, Entry("filed", "140", "mm[Hg]", submission: "sub-1") };

        var bundle = FhirJsonDeserializer.STRICT.Deserialize<Bundle>(RecordObservations.SearchBundle(entries, Filed));

        var observations = bundle.Entry.Select(e => Assert.IsType<Observation>(e.Resource)).ToDictionary(o => o.Id!);
        Assert.Equal("2026-02-20", Assert.IsType<FhirDateTime>(observations["added"].Effective).Value);
        Assert.Equal(Filed, observations["added"].Issued);
        Assert.Null(observations["filed"].Effective);
    }

    [Fact]
    public void SearchBundle_WithNoEntries_IsAnEmptySearchset()
    {
        var bundle = FhirJsonDeserializer.STRICT.Deserialize<Bundle>(RecordObservations.SearchBundle([], Filed));

        Assert.Equal(Bundle.BundleType.Searchset, bundle.Type);
        Assert.Equal(0, bundle.Total);
        Assert.Empty(bundle.Entry);
    }
}
