using System.Globalization;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Features.Shared.Answering;
using HistoryEngine.Web.Features.Shared.HomeReadings;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using Microsoft.Extensions.Primitives;

namespace HistoryEngine.Web.Features.Diary;

/// <summary>
/// One sitting: two readings a minute apart, entered in one short form. The form's names are its own
/// (<c>systolic1</c>, <c>taken:day</c>...); adding the sitting puts two instances of <c>readings</c> into the session,
/// so every check is the questionnaire's, and its messages come back next to the box they are about. A sitting with a
/// problem is not added at all: the patient sees what they typed, with the messages, and nothing half-right is kept.
/// </summary>
public sealed class SittingForm
{
    /// <summary>The inputs in page order, with the words an error summary uses for each.</summary>
    public static readonly IReadOnlyList<(string Name, string Summary)> Inputs =
    [
        ("systolic1", "First reading, top number"),
        ("diastolic1", "First reading, bottom number"),
        ("pulse1", "First reading, pulse"),
        ("systolic2", "Second reading, top number"),
        ("diastolic2", "Second reading, bottom number"),
        ("pulse2", "Second reading, pulse"),
        ("taken", "Date and time"),
        ("arm", "Arm"),
        ("notes", "Note"),
    ];

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>Messages by input name.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>A reading already in the diary that this sitting repeats (the same time and the same numbers): the
    /// sitting was not added, and the page asks whether it is a different reading (issue 12 point 3).</summary>
    public DiaryReading? Duplicate { get; private set; }

    public string this[string name] => _values.GetValueOrDefault(name, "");

    /// <summary>The HTML id of an input (the date's id is its day box).</summary>
    public static string IdOf(string name) => name == "taken" ? "sitting-day" : "sitting-" + name;

    /// <summary>A new form: the date and time are now (the session's clock), the arm is the one used last time.</summary>
    public static SittingForm Prefilled(DateTime now, string? lastArm)
    {
        var form = new SittingForm();
        form._values["taken:day"] = now.Day.ToString(CultureInfo.InvariantCulture);
        form._values["taken:month"] = now.Month.ToString(CultureInfo.InvariantCulture);
        form._values["taken:year"] = now.Year.ToString(CultureInfo.InvariantCulture);
        form._values["taken:time"] = now.ToString("HH:mm", CultureInfo.InvariantCulture);
        if (lastArm is not null)
            form._values["arm"] = lastArm;
        return form;
    }

    public static SittingForm Read(IFormCollection posted)
    {
        var form = new SittingForm();
        foreach (var name in new[] { "taken:day", "taken:month", "taken:year", "taken:time", "systolic1", "diastolic1", "pulse1",
                     "systolic2", "diastolic2", "pulse2", "arm", "notes" })
            form._values[name] = First(posted[name]);
        return form;
    }

    public IEnumerable<(string Href, string Message)> Summary =>
        Inputs.Where(i => Errors.ContainsKey(i.Name)).Select(i => ("#" + IdOf(i.Name), $"{i.Summary}: {Errors[i.Name]}"));

    /// <summary>Adds the sitting's readings to the session; false (and the session as it was) when there is a problem,
    /// or when it repeats a reading already there (<see cref="Duplicate"/>).</summary>
    public bool AddTo(Session session, IFormCollection posted)
    {
        var q = session.Questionnaire;
        var globalProblems = session.Errors.Count(e => e.Path.Length == 0);
        var (taken, takenError) = AnswerInputs.ToAnswer(q.GetItem("taken")!, posted, "taken");
        if (takenError is not null)
            Errors["taken"] = takenError;
        else if (taken is null)
            Errors["taken"] = "Enter the date and time you took these readings";
        var second = new[] { "systolic2", "diastolic2", "pulse2" }.Any(n => this[n].Trim().Length > 0);
        foreach (var (reading, words) in new[] { (1, "first"), (2, "second") })
        {
            if (reading == 2 && !second)
                continue;
            if (this["systolic" + reading].Trim().Length == 0)
                Errors["systolic" + reading] = $"Enter the top number of your {words} reading";
            if (this["diastolic" + reading].Trim().Length == 0)
                Errors["diastolic" + reading] = $"Enter the bottom number of your {words} reading";
        }

        var first = session.InstanceCount(DiaryQuestionnaire.Readings);
        var count = second ? 2 : 1;
        if (q.GetItem(DiaryQuestionnaire.Readings)?.Definition.MaxCount is { } max && first + count > max)
        {
            Errors["taken"] = $"Your diary is full: it holds up to {max} readings. Send it to your GP practice, then start a new one";
            return false;
        }
        for (var k = 0; k < count; k++)
        {
            var prefix = $"{DiaryQuestionnaire.Readings}[{first + k}]";
            var reading = (k + 1).ToString(CultureInfo.InvariantCulture);
            session.SetAnswer($"{prefix}.taken", k == 0 ? taken : OneMinuteLater(taken as string));
            session.SetAnswer($"{prefix}.systolic", Blank(this["systolic" + reading]));
            session.SetAnswer($"{prefix}.diastolic", Blank(this["diastolic" + reading]));
            session.SetAnswer($"{prefix}.pulse", Blank(this["pulse" + reading]));
            session.SetAnswer($"{prefix}.arm", Blank(this["arm"]));
            // The note belongs to the sitting; it is kept with its first reading.
            // Kept exactly as typed (only a note of nothing but spaces is no note).
            session.SetAnswer($"{prefix}.notes", k == 0 && this["notes"].Trim().Length > 0 ? this["notes"] : null);
        }
        foreach (var error in session.Errors)
        {
            for (var k = 0; k < count; k++)
            {
                var prefix = $"{DiaryQuestionnaire.Readings}[{first + k}].";
                if (!error.Path.StartsWith(prefix, StringComparison.Ordinal))
                    continue;
                var name = AnswerPaths.ItemId(error.Path) switch
                {
                    "systolic" or "diastolic" or "pulse" => AnswerPaths.ItemId(error.Path) + (k + 1).ToString(CultureInfo.InvariantCulture),
                    var other => other,
                };
                Errors.TryAdd(name, error.Message);
            }
        }
        // A problem with the diary as a whole that this sitting causes (readings spread over more than 2 weeks, say)
        // is about when it was taken. The very first readings are the exception: they turn "enough days" from
        // passing (nothing to count yet) to failing, which is the diary being started, not a problem with them.
        // After that, adding readings can only add days, so a whole-diary check that starts failing is this sitting's.
        if (!Errors.ContainsKey("taken") && first > 0 && session.Errors.Count(e => e.Path.Length == 0) > globalProblems)
            Errors["taken"] = session.Errors.Last(e => e.Path.Length == 0).Message;

        if (Errors.Count == 0)
        {
            // The same sitting sent twice (pressed twice, or typed again from the same paper) is not counted twice.
            var all = new DiaryReadings(session).All;
            Duplicate = all.Skip(first).Select(added => all.Take(first).FirstOrDefault(added.IsSameReadingAs)).FirstOrDefault(d => d is not null);
            if (Duplicate is null)
                return true;
        }
        for (var k = count - 1; k >= 0; k--)
            session.RemoveInstance(DiaryQuestionnaire.Readings, first + k);
        return false;
    }

    /// <summary>The second reading is a minute after the first, on the same day (the day decides what is counted).</summary>
    private static string? OneMinuteLater(string? taken)
    {
        if (taken is null || !DateTime.TryParse(taken, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            return taken;
        var later = t.AddMinutes(1);
        return (later.Date == t.Date ? later : t).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
    }

    private static string? Blank(string value) => value.Trim().Length == 0 ? null : value.Trim();

    private static string First(StringValues values) => values.Count == 0 ? "" : values[0] ?? "";
}
