using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace HistoryEngine.Runtime;

/// <summary>The patient's sex as the practice's record holds it (the codes of FHIR's AdministrativeGender).</summary>
public enum PatientSex { Female, Male, Other }

/// <summary>
/// What the practice already knows about the patient when a session starts, read by expressions as checked names
/// (<c>patient.age</c>, <c>patient.date_of_birth</c>, <c>patient.sex</c>). Every field may be unknown, and an unknown
/// field is unanswered, never zero: a condition on it is not met. Immutable; the fields are declared here and in
/// <c>Expressions/PatientFields.cs</c>, so a file that names one the context does not have is refused at load.
/// </summary>
public sealed record PatientContext
{
    /// <summary>Nothing known: what a session has when none is given.</summary>
    public static readonly PatientContext None = new();

    public DateOnly? DateOfBirth { get; init; }
    public PatientSex? Sex { get; init; }

    /// <summary>The patient's id where the practice keeps them: a FHIR questionnaire reads it as <c>%patient.id</c>,
    /// and an x-fhir-query is answered only for this patient.</summary>
    public string? Id { get; init; }

    /// <summary>The patient's name as the practice's record holds it (<c>%patient.name.text</c>).</summary>
    public string? Name { get; init; }

    /// <summary>The patient's NHS number, ten digits (<c>%patient.identifier</c>, system https://fhir.nhs.uk/Id/nhs-number).</summary>
    public string? NhsNumber { get; init; }

    /// <summary>The name of the carer filling in for the patient; null when the patient answers for themself. A FHIR
    /// questionnaire's <c>%user</c> is then a RelatedPerson, otherwise the patient.</summary>
    public string? AnsweredBy { get; init; }

    /// <summary>Coded values from the patient's record (home blood pressure averages, results), for an x-fhir-query
    /// Observation search; never written into a result.</summary>
    public System.Collections.Immutable.ImmutableArray<ContextObservation> Observations { get; init; } = [];

    /// <summary>The questionnaires the patient sent, with the highest flag each raised: what a care plan reads with
    /// <c>last_flagged</c> and <c>last_submitted</c>. Never written into a result.</summary>
    public System.Collections.Immutable.ImmutableArray<ContextSubmission> Submissions { get; init; } = [];

    public bool IsEmpty => DateOfBirth is null && Sex is null && Id is null && Name is null && NhsNumber is null && AnsweredBy is null
                           && Observations.IsDefaultOrEmpty;

    /// <summary>The keys a file gives the context with (scenarios, answers files); <c>age</c> is worked out, not given.
    /// <c>observations</c>, a list, is given in JSON only.</summary>
    public static readonly IReadOnlyList<string> Keys = ["date_of_birth", "sex", "id", "name", "nhs_number", "answered_by"];

    /// <summary>The sex codes, as files and expressions write them. <c>unknown</c> is accepted and means not known.</summary>
    internal static readonly FrozenDictionary<string, PatientSex> SexCodes = new Dictionary<string, PatientSex>
    {
        ["female"] = PatientSex.Female, ["male"] = PatientSex.Male, ["other"] = PatientSex.Other,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    internal static string Code(PatientSex sex) => sex.ToString().ToLowerInvariant();

    /// <summary>
    /// This context with one field set from its written value: an ISO-8601 date for <c>date_of_birth</c>, a code for
    /// <c>sex</c>. Null, with <paramref name="problem"/> saying why, when the key or the value is not one it takes.
    /// </summary>
    public PatientContext? With(string key, string? text, out string? problem)
    {
        problem = null;
        switch (key)
        {
            case "date_of_birth" when text is null: return this with { DateOfBirth = null };
            case "date_of_birth":
                if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born)
                    && born.Year is >= 1900 and < 2200)
                    return this with { DateOfBirth = born };
                problem = $"'{text}' is not a date of birth: write it as an ISO-8601 date between 1900 and 2199, such as 1970-03-27";
                return null;
            case "sex" when text is null or "unknown": return this with { Sex = null };
            case "sex":
                if (SexCodes.TryGetValue(text, out var sex)) return this with { Sex = sex };
                problem = $"'{text}' is not a sex the record holds: use female, male, other or unknown";
                return null;
            case "id": return this with { Id = Blank(text) };
            case "name": return this with { Name = Blank(text) };
            case "answered_by": return this with { AnsweredBy = Blank(text) };
            case "nhs_number" when Blank(text) is null: return this with { NhsNumber = null };
            case "nhs_number":
                var digits = text!.Replace(" ", "", StringComparison.Ordinal);
                if (digits.Length == 10 && digits.All(char.IsAsciiDigit)) return this with { NhsNumber = digits };
                problem = $"'{text}' is not an NHS number: write its ten digits, such as 943 476 5919";
                return null;
            case "age":
                problem = "'age' is worked out from date_of_birth at the session's time: give date_of_birth instead";
                return null;
            default:
                var near = HistoryEngine.Diagnostics.Suggestions.Nearest(key, Keys);
                problem = $"the patient's context has no '{key}'{(near is null ? "" : $"; did you mean '{near}'?")} (it takes {string.Join(" and ", Keys)})";
                return null;
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Reads a context written as a JSON object (<c>{"date_of_birth": "1970-03-27", "sex": "female"}</c>); each problem is added to <paramref name="problems"/>.</summary>
    public static PatientContext FromJson(JsonElement json, ICollection<string> problems)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            problems.Add("the patient's context must be an object such as {\"date_of_birth\": \"1970-03-27\", \"sex\": \"female\"}");
            return None;
        }
        var context = None;
        foreach (var property in json.EnumerateObject())
        {
            if (property.Name == "observations")
            {
                context = context with { Observations = ContextObservation.ListFromJson(property.Value, problems) };
                continue;
            }
            string? text = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Null => null,
                _ => property.Value.GetRawText(),
            };
            if (context.With(property.Name, text, out var problem) is { } next) context = next;
            else problems.Add(problem!);
        }
        return context;
    }

    /// <summary>Writes the fields a questionnaire reads as <c>patient.*</c> (date of birth and sex), and only those known,
    /// as a JSON object, for the result: who the patient is and their record are kept by the practice, not copied into
    /// every result.</summary>
    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        if (DateOfBirth is { } born) w.WriteString("date_of_birth", born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (Sex is { } sex) w.WriteString("sex", Code(sex));
        w.WriteEndObject();
    }
}
