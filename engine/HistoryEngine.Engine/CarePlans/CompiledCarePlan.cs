using System.Collections.Immutable;
using System.Globalization;
using HistoryEngine.Runtime;
using HistoryEngine.Scenarios;

namespace HistoryEngine.CarePlans;

/// <summary>
/// A checked, compiled care plan: immutable and safe to share across threads. <see cref="Evaluate"/> works out its
/// state for one patient's record on one day.
/// </summary>
public sealed class CompiledCarePlan
{
    private readonly CompiledQuestionnaire _compiled;
    private readonly IReadOnlyDictionary<string, CarePlanRedFlag[]> _redFlags;

    internal CompiledCarePlan(CarePlanDefinition definition, CompiledQuestionnaire compiled, IReadOnlyDictionary<string, CarePlanRedFlag[]> redFlags)
    {
        Definition = definition;
        _compiled = compiled;
        _redFlags = redFlags;
    }

    public CarePlanDefinition Definition { get; }
    public string Id => Definition.Id;
    /// <summary>Changes whenever the plan file's text does.</summary>
    public string Hash => _compiled.Hash;

    /// <summary>The plan's state for <paramref name="record"/> on <paramref name="today"/>: everything filed up to the end of that day counts.</summary>
    public CarePlanState Evaluate(CarePlanRecord record, DateOnly today)
    {
        var endOfDay = today.ToDateTime(new TimeOnly(23, 59, 59));
        var session = _compiled.CreateSession(new FixedClock(new DateTimeOffset(endOfDay, TimeSpan.Zero)), record.Context);
        var values = session.RawValues;
        var start = values[CarePlanCompiler.Start] as DateOnly?;
        var state = new CarePlanState { Plan = Id, Version = Definition.Version, Title = Definition.Title, Intro = Definition.Intro, Today = today, Active = start is not null, Start = start };
        if (start is null) return state;

        var fired = session.Flags;
        bool Fired(string id) => fired.Any(f => f.Rule == id);
        string? Words(string id) => fired.FirstOrDefault(f => f.Rule == id)?.Patient;
        decimal? Number(string name) => values.TryGetValue(name, out var v) ? v as decimal? : null;
        DateOnly? Date(string name) => values.TryGetValue(name, out var v) ? v as DateOnly? : null;
        bool? Bool(string name) => values.TryGetValue(name, out var v) ? v as bool? : null;

        var steps = Definition.Steps.Select((s, i) => new CarePlanStep(s.Id, s.Title, s.About, Bool(CarePlanCompiler.StepPrefix + i) == true, s.Source)).ToList();
        CarePlanTarget? target = Definition.Target is { } t
            ? new CarePlanTarget(Number(CarePlanCompiler.TargetSystolic), Number(CarePlanCompiler.TargetDiastolic), Words(CarePlanCompiler.TargetText) ?? "", t.Source)
            : null;
        CarePlanDiary? diary = null;
        if (Definition.Diary is { } d)
        {
            var due = Date(CarePlanCompiler.DiaryDue);
            diary = new CarePlanDiary(d.Questionnaire, Number(CarePlanCompiler.DiaryInterval), due, due is { } n && today >= n,
                Averages(record, d, endOfDay), Bool(CarePlanCompiler.DiaryAbove), d.Source);
        }
        CarePlanReview? review = null;
        if (Definition.Review is { } r)
        {
            var due = Date(CarePlanCompiler.ReviewDue);
            var status = due is not { } day ? "upcoming"
                : today > day.AddDays(r.OverdueDaysAfter) ? "overdue"
                : today >= day.AddDays(-r.AssignDaysBefore) ? "due"
                : "upcoming";
            var assign = due is { } at && status != "upcoming"
                ? new CarePlanAssignment(r.Questionnaire, at, $"{Id}/review/{at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}")
                : null;
            review = new CarePlanReview(r.Questionnaire, due, status, assign, r.Source);
        }
        var internalName = (string n) => n.StartsWith('_');
        return state with
        {
            Steps = steps, Target = target, Diary = diary, Review = review,
            Flags = [.. fired.Where(f => !internalName(f.Rule)).OrderByDescending(f => f.Level).ThenBy(f => f.Rule, StringComparer.Ordinal)],
            Messages = [.. Definition.Messages.Select((m, i) => (m, i)).Where(x => Fired(CarePlanCompiler.MessagePrefix + x.i))
                .Select(x => new CarePlanMessage(x.m.Id, Words(CarePlanCompiler.MessagePrefix + x.i) ?? ""))],
            Information = [.. Definition.Information.Select(p => new CarePlanPage(p.Id, p.Title, p.Text,
                _redFlags.TryGetValue(p.Id, out var flags) ? flags : []))],
            Values = values.Where(v => !internalName(v.Key)).ToDictionary(v => v.Key, v => Expressions.Values.ToPlain(v.Value), StringComparer.Ordinal),
        };
    }

    /// <summary>Each day on which both averages of a complete diary are dated (the diary's last reading, or the day they were
    /// filed), oldest first (a diary files them only when complete). Of two on one day, the later filed, for both numbers
    /// alike, so a day's pair comes from one diary.</summary>
    private IReadOnlyList<CarePlanAverage> Averages(CarePlanRecord record, CarePlanDiaryDefinition diary, DateTime until)
    {
        var codes = Definition.Codes.ToDictionary(c => c.Name, c => (c.System, c.Code), StringComparer.Ordinal);
        if (!codes.TryGetValue(diary.Systolic, out var sys) || !codes.TryGetValue(diary.Diastolic, out var dia)) return [];
        Dictionary<DateOnly, decimal> Latest((string System, string Code) code) => record.Context.Observations
            .Where(o => o.Number is not null && o.Effective <= until && o.Codings.Any(k => k.System == code.System && k.Code == code.Code))
            .GroupBy(o => DateOnly.FromDateTime(o.Effective))
            .ToDictionary(g => g.Key, g => g.MaxBy(o => (o.Effective, o.Filed ?? DateTime.MinValue))!.Number!.Value);
        var systolic = Latest(sys);
        var diastolic = Latest(dia);
        return [.. systolic.Keys.Where(diastolic.ContainsKey).Order().Select(day => new CarePlanAverage(day, systolic[day], diastolic[day]))];
    }
}
