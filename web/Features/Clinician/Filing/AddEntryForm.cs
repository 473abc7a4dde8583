using System.Globalization;
using HistoryEngine.CarePlans;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Features.Shared;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Time;

namespace HistoryEngine.Web.Features.Clinician.Filing;

/// <summary>
/// A clinician adding an entry to a patient's record directly: a code chosen from those the care plan files declare
/// (never typed), its value (a number in the code's unit when it takes one, else an optional short result), and the
/// day it was taken or diagnosed (today unless given; never in the future, nor before the patient was born). Each
/// problem is kept against its field's id, in the NHS.UK error message style.
/// </summary>
public sealed class AddEntryForm
{
    /// <summary>The longest value or short result a clinician may type (as a corrected entry's text).</summary>
    public const int MaxText = 200;

    /// <summary>The chosen code, as <see cref="Key"/> gives it.</summary>
    public string? Code { get; set; }
    public string? Value { get; set; }
    public string? TakenDay { get; set; }
    public string? TakenMonth { get; set; }
    public string? TakenYear { get; set; }

    public List<(string Field, string Message)> Errors { get; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field).Message;

    /// <summary>How a code is named in the form's choice list: its system and code.</summary>
    public static string Key(CarePlanCode code) => $"{code.System}|{code.Code}";

    /// <summary>A new form, dated today.</summary>
    public static AddEntryForm For(DateOnly today) => new()
    {
        TakenDay = today.Day.ToString(CultureInfo.InvariantCulture),
        TakenMonth = today.Month.ToString(CultureInfo.InvariantCulture),
        TakenYear = today.Year.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Checks every field; the entry to add when all are right, else null with <see cref="Errors"/> said.</summary>
    public NewRecordEntry? Check(IReadOnlyList<CarePlanCode> offered, Person patient, string clinicianId, DateOnly today)
    {
        var code = offered.FirstOrDefault(c => Key(c) == Code);
        if (code is null)
            Errors.Add(("Code", "Select what to add from the list"));
        var value = CheckValue(code);
        var taken = CheckDate(patient, today);
        if (code is null || Errors.Count > 0)
            return null;
        return new NewRecordEntry(patient.Id, code.System, code.Code, code.Display, value, code.Unit,
            clinicianId, SubmissionId: null, QuestionnaireVersion: null) { TakenOn = taken };
    }

    private string? CheckValue(CarePlanCode? code)
    {
        var text = (Value ?? "").Trim();
        if (text.Length > MaxText)
        {
            Errors.Add(("Value", $"The result must be {MaxText} characters or fewer"));
            return null;
        }
        if (code is null)
            return null;
        if (code.Unit is null)
            return text.Length == 0 ? null : text;
        if (text.Length == 0)
        {
            Errors.Add(("Value", $"Enter the result of {code.Display}{(UnitText.Of(code.Unit) is { Length: > 0 } u ? " in " + u : "")}"));
            return null;
        }
        var check = EntryValueCheck.Check(code.Display, code.Unit, StoredValueKind.Number, new EntryRange(code.Min, code.Max, Whole: false), text, code.Unit);
        if (!check.IsValid)
            Errors.Add(("Value", check.Error!));
        return check.Value;
    }

    private DateOnly? CheckDate(Person patient, DateOnly today)
    {
        var (d, m, y) = (Clean(TakenDay), Clean(TakenMonth), Clean(TakenYear));
        if (d is null && m is null && y is null)
            return today;
        if (DateBoxes.Missing(d, m, y) is { } part)
        {
            Errors.Add(($"TakenOn-{part}", $"The date it was taken must include a {part}"));
            return null;
        }
        if (DateBoxes.Real(d!, m!, y!) is not { } date)
        {
            Errors.Add(("TakenOn-day", "The date it was taken must be a real date, for example 27 3 2026"));
            return null;
        }
        if (date > today)
            Errors.Add(("TakenOn-day", "The date it was taken must be today or in the past"));
        else if (patient.DateOfBirth is { } born && date < born)
            Errors.Add(("TakenOn-day", $"The date it was taken must be on or after the patient's date of birth, {UkTime.Date(born)}"));
        else
            return date;
        return null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
