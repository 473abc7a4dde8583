using System.Collections.Immutable;
using System.Text.Json;
using HistoryEngine.Runtime;
using HistoryEngine.Scenarios;

namespace HistoryEngine.Fhir.Tests.Sdc;

/// <summary>
/// Pre-population from what the practice knows (issue 18, point 8): the SDC launch contexts <c>%patient</c> and
/// <c>%user</c> built from the session's patient context, initialExpressions reading them, and x-fhir-query variables
/// answered from the patient's own record (a read of the patient, a search of their Observations), never for another
/// patient and never from a server.
/// </summary>
public sealed class LaunchContextTests
{
    private const string Loinc = "http://loinc.org";

    private static string Initial(string linkId, string type, string expression) => $$$"""
        {"linkId": "{{{linkId}}}", "type": "{{{type}}}", "text": "{{{linkId}}}",
         "extension": [{"url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-initialExpression",
                        "valueExpression": {"language": "text/fhirpath", "expression": "{{{expression}}}"}}]}
        """;

    private static string Query(string name, string query) => $$$"""
        {"url": "http://hl7.org/fhir/StructureDefinition/variable",
         "valueExpression": {"name": "{{{name}}}", "language": "application/x-fhir-query", "expression": "{{{query}}}"}}
        """;

    private static string Launch(string name, string type) => $$$"""
        {"url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-launchContext",
         "extension": [{"url": "name", "valueCoding": {"system": "http://hl7.org/fhir/uv/sdc/CodeSystem/launchContext", "code": "{{{name}}}"}},
                       {"url": "type", "valueCode": "{{{type}}}"}]}
        """;

    private static string Questionnaire(string lastSystolicQuery) => $$"""
        {"resourceType": "Questionnaire", "status": "active", "url": "http://example.org/Questionnaire/prepop", "version": "1",
         "extension": [
           {{Launch("patient", "Patient")}}, {{Launch("user", "RelatedPerson")}},
           {{Query("lastSys", lastSystolicQuery)}},
           {{Query("sinceFeb", $"Observation?code={Loinc}|8480-6&patient={{{{%patient.id}}}}&date=ge2026-02-01")}},
           {{Query("me", "Patient/{{%patient.id}}")}}
         ],
         "item": [
           {{Initial("nhs", "string", "%patient.identifier.where(system = 'https://fhir.nhs.uk/Id/nhs-number').value")}},
           {{Initial("name", "string", "%patient.name.first().text")}},
           {{Initial("born", "date", "%me.birthDate")}},
           {{Initial("gender", "string", "%patient.gender")}},
           {{Initial("filling_in", "string", "%user.name.first().text")}},
           {{Initial("last_systolic", "decimal", "%lastSys.entry.resource.value.value")}},
           {{Initial("readings_since_february", "integer", "%sinceFeb.total")}}
         ]}
        """;

    private static readonly string OwnLastSystolic = $"Observation?code={Loinc}|8480-6&patient={{{{%patient.id}}}}&_sort=-date&_count=1";

    private static readonly PatientContext Sam = new()
    {
        Id = "p-17", Name = "Sam Patel", NhsNumber = "9434765919", DateOfBirth = new DateOnly(1970, 5, 17), Sex = PatientSex.Male,
        Observations =
        [
            new ContextObservation(Loinc, "8480-6", "Systolic", 151, "mm[Hg]", null, new DateTime(2026, 1, 20, 8, 0, 0)),
            new ContextObservation(Loinc, "8480-6", "Systolic", 144, "mm[Hg]", null, new DateTime(2026, 2, 20, 8, 0, 0)),
            new ContextObservation(Loinc, "8462-4", "Diastolic", 92, "mm[Hg]", null, new DateTime(2026, 2, 20, 8, 0, 0)),
            new ContextObservation(Loinc, "8480-6", "Systolic", 139, "mm[Hg]", null, new DateTime(2026, 2, 10, 8, 0, 0)),
        ],
    };

    private static Dictionary<string, JsonElement> Start(CompiledQuestionnaire q, PatientContext patient) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
            q.CreateSession(new FixedClock(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero)), patient).Result().AnswersJson)!;

    [Fact]
    public void ThePatientAndTheirRecord_FillInWhatThePracticeKnows()
    {
        var file = TestFiles.LoadJson(Questionnaire(OwnLastSystolic));
        Assert.True(file.Compiled is not null, TestFiles.Codes(file.Diagnostics));
        Assert.DoesNotContain(file.Diagnostics, d => d.Code == "HE4050"); // patient, user and these queries are all given

        var answers = Start(file.Compiled!, Sam);

        Assert.Equal("9434765919", answers["nhs"].GetString());
        Assert.Equal("Sam Patel", answers["name"].GetString());
        Assert.Equal("1970-05-17", answers["born"].GetString());
        Assert.Equal("male", answers["gender"].GetString());
        Assert.Equal("Sam Patel", answers["filling_in"].GetString()); // the patient fills in for themself
        Assert.Equal(144m, answers["last_systolic"].GetDecimal()); // the latest systolic, not the diastolic of that day
        Assert.Equal(2, answers["readings_since_february"].GetInt32()); // 10 and 20 February; not 20 January
    }

    [Fact]
    public void ACarer_IsTheUser_AsARelatedPersonOfThePatient()
    {
        var answers = Start(TestFiles.Compile(Questionnaire(OwnLastSystolic)), Sam with { AnsweredBy = "Alex Patel" });

        Assert.Equal("Alex Patel", answers["filling_in"].GetString());
        Assert.Equal("Sam Patel", answers["name"].GetString());
    }

    [Fact]
    public void NothingKnown_LeavesEveryItemEmpty_NeverAGuess()
    {
        var answers = Start(TestFiles.Compile(Questionnaire(OwnLastSystolic)), PatientContext.None);

        Assert.Empty(answers);
    }

    [Fact]
    public void AnObservationWithNoMatch_LeavesTheItemEmpty_AndCountsNone()
    {
        var answers = Start(TestFiles.Compile(Questionnaire(OwnLastSystolic)), Sam with { Observations = [] });

        Assert.False(answers.ContainsKey("last_systolic"));
        Assert.Equal(0, answers["readings_since_february"].GetInt32());
    }

    [Theory]
    [InlineData("Observation?code=http://loinc.org|8480-6&patient=p-99", "only for the patient being asked about")]
    [InlineData("Observation?code=http://loinc.org|8480-6", "only for the patient being asked about")]
    [InlineData("Patient?name=Smith", "only for the patient being asked about")]
    [InlineData("MedicationStatement?patient={{%patient.id}}", "only a read of the patient")]
    [InlineData("Observation?patient={{%patient.id}}&category=vital-signs", "not by 'category'")]
    public void AQueryTheEngineWillNotAnswer_IsSaidWhenTheFileLoads_AndGivesNothing(string query, string reason)
    {
        var file = TestFiles.LoadJson(Questionnaire(query));

        Assert.True(file.Compiled is not null, TestFiles.Codes(file.Diagnostics));
        var warning = Assert.Single(file.Diagnostics, d => d.Code == "HE4050");
        Assert.Contains("'%lastSys' will have no value", warning.Message);
        Assert.Contains(reason, warning.Message);
        Assert.True(warning.Span.Line > 0);
        var answers = Start(file.Compiled!, Sam);
        Assert.False(answers.ContainsKey("last_systolic")); // never another patient's value
        Assert.Equal("Sam Patel", answers["name"].GetString()); // the rest still fills in
    }

    [Fact]
    public void ALaunchContextTheSessionDoesNotGive_IsStillSaid()
    {
        var json = Questionnaire(OwnLastSystolic).Replace(Launch("user", "RelatedPerson"), Launch("encounter", "Encounter"), StringComparison.Ordinal)
            .Replace("%user.name.first().text", "%encounter.id", StringComparison.Ordinal);
        var file = TestFiles.LoadJson(json);

        var warning = Assert.Single(file.Diagnostics, d => d.Code == "HE4050");
        Assert.Contains("'%encounter' is not given", warning.Message);
        Assert.False(Start(file.Compiled!, Sam).ContainsKey("filling_in"));
    }

    [Fact]
    public void Export_KeepsTheLaunchContextsAndQueries_SoTheReimportFillsInTheSame()
    {
        var q = TestFiles.Compile(Questionnaire(OwnLastSystolic));
        var exported = FhirExport.Questionnaire(q);

        Assert.Contains("application/x-fhir-query", exported);
        Assert.Contains("sdc-questionnaire-launchContext", exported);
        Assert.Equal(
            JsonSerializer.Serialize(Start(q, Sam)),
            JsonSerializer.Serialize(Start(TestFiles.Compile(exported), Sam)));
    }

    [Fact]
    public void ThePatientContext_ReadsTheNewKeys_AndRefusesAWrongNhsNumber()
    {
        var problems = new List<string>();
        using var doc = JsonDocument.Parse("""
            {"id": "p-17", "name": "Sam Patel", "nhs_number": "943 476 5919", "answered_by": "Alex Patel",
             "observations": [{"system": "http://loinc.org", "code": "8480-6", "value": 144, "unit": "mm[Hg]", "date": "2026-02-20T08:00"}]}
            """);
        var context = PatientContext.FromJson(doc.RootElement, problems);

        Assert.Empty(problems);
        Assert.Equal("9434765919", context.NhsNumber);
        Assert.Equal("Alex Patel", context.AnsweredBy);
        Assert.Equal(144m, Assert.Single(context.Observations).Number);
        Assert.Null(context.With("nhs_number", "12345", out var problem));
        Assert.Contains("ten digits", problem);
    }
}
