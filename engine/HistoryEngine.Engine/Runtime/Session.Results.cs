using System.Text;
using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;
using HistoryEngine.Expressions;
using HistoryEngine.Rendering;

namespace HistoryEngine.Runtime;

public sealed partial class Session
{
    /// <summary>Whether an item (by id) is enabled: for items in a repeating group, in any instance.</summary>
    public bool IsEnabled(string id) => _q.ItemsById.TryGetValue(id, out var item) && EnabledAnywhere(item);

    /// <summary>Whether the item at a path (<c>readings[0].notes</c> or an id) is enabled.</summary>
    public bool IsEnabledAt(string path) =>
        TryResolveExisting(path, out var instance, out var item) && (instance is null ? _enabled[item.Order] : instance.Enabled[item.Slot]);

    private bool TryResolveExisting(string path, out InstanceState? instance, out ItemSymbol item)
    {
        // Resolving may add the instance a path names; a read must not, so check the counts first.
        instance = null;
        item = null!;
        var bracket = path.IndexOf('[');
        if (bracket >= 0)
        {
            var close = path.IndexOf(']', bracket);
            if (close < 0 || !int.TryParse(path.AsSpan(bracket + 1, close - bracket - 1), out var index)) return false;
            if (index >= InstanceCount(path[..bracket])) return false;
        }
        return TryResolve(path, out _, out instance, out item);
    }

    private bool EnabledAnywhere(ItemSymbol item)
    {
        if (item.IsRoot) return _enabled[item.Order];
        return Instances(item.Frame!.Owner!).Any(s => s.Enabled[item.Slot]);
    }

    /// <summary>Every instance of a repeating group, across every instance of the groups around it.</summary>
    private IEnumerable<InstanceState> Instances(ItemSymbol group)
    {
        if (group.IsRoot) return _enabled[group.Order] ? (List<InstanceState>)_raw[group.Order]! : [];
        return Instances(group.Frame!.Owner!).Where(s => s.Enabled[group.Slot]).SelectMany(s => s.Nested(group));
    }

    /// <summary>Where an instance is (<c>group[2]</c>, <c>outer[0].group[2]</c>): made into a string only for an error.</summary>
    private readonly record struct InstancePath(string Outer, string Group, int Index)
    {
        public override string ToString() => Outer.Length == 0 ? $"{Group}[{Index}]" : $"{Outer}.{Group}[{Index}]";
    }

    /// <summary>Instances with where they are, for errors.</summary>
    private IEnumerable<(InstanceState State, InstancePath Path)> InstancesWithPaths(ItemSymbol group)
    {
        if (group.IsRoot)
        {
            if (!_enabled[group.Order]) yield break;
            var list = (List<InstanceState>)_raw[group.Order]!;
            for (var i = 0; i < list.Count; i++) yield return (list[i], new InstancePath("", group.Id, i));
            yield break;
        }
        foreach (var (outer, outerPath) in InstancesWithPaths(group.Frame!.Owner!))
        {
            if (!outer.Enabled[group.Slot]) continue;
            var list = outer.Nested(group);
            if (list.Count == 0) continue;
            var prefix = outerPath.ToString();
            for (var i = 0; i < list.Count; i++) yield return (list[i], new InstancePath(prefix, group.Id, i));
        }
    }

    /// <summary>Questions answered (with no error standing against them), out of those answered plus those still to answer.</summary>
    public Progress Progress
    {
        get
        {
            int answered = 0, total = 0;
            foreach (var item in _q.Items)
            {
                if (!item.IsAnswerable) continue;
                if (item.IsRoot)
                {
                    if (!_enabled[item.Order]) continue;
                    total++;
                    if (Functions.IsAnswered(_raw[item.Order]) && _errors[item.Order] is null) answered++;
                    continue;
                }
                foreach (var state in Instances(item.Frame!.Owner!))
                {
                    if (!state.Enabled[item.Slot]) continue;
                    total++;
                    if (Functions.IsAnswered(state.Raw[item.Slot]) && state.Errors[item.Slot] is null) answered++;
                }
            }
            return new Progress(answered, total);
        }
    }

    public IReadOnlyList<AnswerError> Errors
    {
        get
        {
            var errors = new List<AnswerError>(_unknown);
            foreach (var item in _q.Items)
            {
                if (item.IsRoot)
                {
                    if (_enabled[item.Order] && _errors[item.Order] is { } e) errors.Add(e);
                    if (item.IsRepeating && _enabled[item.Order]) CountErrors(item, ((List<InstanceState>)_raw[item.Order]!).Count, item.Id, errors);
                    continue;
                }
                foreach (var (state, path) in InstancesWithPaths(item.Frame!.Owner!))
                {
                    if (!state.Enabled[item.Slot]) continue;
                    if (state.Errors[item.Slot] is { } e) errors.Add(e);
                    if (item.IsRepeating && CountIsWrong(item, state.Nested(item).Count))
                        CountErrors(item, state.Nested(item).Count, $"{path}.{item.Id}", errors);
                    if (state.FailedChecks.Count == 0) continue;
                    foreach (var check in item.Checks)
                        if (state.FailedChecks.ContainsKey(check)) errors.Add(CheckError(check, $"{path}.{item.Id}", state));
                }
            }
            for (var i = 0; i < _checkFailed.Length; i++)
                if (_checkFailed[i]) errors.Add(CheckError(_q.Checks[i], _q.Checks[i].Item?.Id ?? "", null));
            return errors;
        }
    }

    private static bool CountIsWrong(ItemSymbol group, int count) =>
        group.Definition.MinCount is { } min && count < min && count > 0 || group.Definition.MaxCount is { } max && count > max;

    private static void CountErrors(ItemSymbol group, int count, string path, List<AnswerError> errors)
    {
        var def = group.Definition;
        // None at all is "missing" (when required), not an error.
        if (def.MinCount is { } min && count < min && count > 0)
            errors.Add(new AnswerError(group.Id, path, Codes.AnswerTooFew.Code, $"Add at least {def.MinCount} (there {(count == 1 ? "is" : "are")} {count})"));
        if (def.MaxCount is { } max && count > max)
            errors.Add(new AnswerError(group.Id, path, Codes.AnswerTooMany.Code, $"Add no more than {max} (there are {count})"));
    }

    private AnswerError CheckError(CompiledCheck check, string path, InstanceState? state)
    {
        if (state?.Effective is { } record) _context.SetFrame(check.Item!.Frame!.Level, record.Values);
        var message = check.Message.Render(_context).Trim();
        return new AnswerError(check.Item?.Id ?? "", path, Codes.CheckFailed.Code, message.Length > 0 ? message : $"Check '{check.Id}' failed");
    }

    public IReadOnlyList<string> Missing
    {
        get
        {
            var missing = new List<string>();
            foreach (var item in _q.Items)
            {
                if (!item.IsRequired) continue;
                var absent = item.IsRoot
                    ? _enabled[item.Order] && IsMissing(item, _raw[item.Order]) && _errors[item.Order] is null
                    : MissingInAnInstance(item);
                if (absent) missing.Add(item.Id);
            }
            return missing;
        }
    }

    private static bool IsMissing(ItemSymbol item, object? raw) =>
        item.IsRepeating ? ((List<InstanceState>?)raw)?.Count is null or 0 : !Functions.IsAnswered(raw);

    private bool MissingInAnInstance(ItemSymbol item)
    {
        foreach (var s in Instances(item.Frame!.Owner!))
            if (s.Enabled[item.Slot] && IsMissing(item, s.Raw[item.Slot]) && s.Errors[item.Slot] is null) return true;
        return false;
    }

    public IReadOnlyList<Flag> Flags
    {
        get
        {
            var flags = new List<Flag>();
            for (var i = 0; i < _ruleFired.Length; i++)
            {
                if (!_ruleFired[i]) continue;
                var rule = _q.Rules[i];
                flags.Add(new Flag(rule.Id, rule.Level, rule.Patient?.Render(_context).Trim() ?? "",
                    rule.Clinician?.Render(_context).Trim() ?? "", rule.Definition.Source ?? ""));
            }
            return [.. flags.OrderByDescending(f => f.Level)];
        }
    }

    public IReadOnlyList<ProposedEntry> Entries
    {
        get
        {
            var entries = new List<ProposedEntry>();
            foreach (var entry in _q.Entries)
            {
                if (entry.Module is not null && !EnabledAnywhere(entry.Module)) continue;
                if (entry.When is not null && !entry.When.IsTrue(_context)) continue;
                var value = entry.Value?.Eval(_context);
                if (entry.Value is not null && value is null) continue;
                var d = entry.Definition;
                entries.Add(new ProposedEntry(d.System, d.Code, d.Display, Values.ToPlain(value), d.Unit)
                {
                    Codings = entry.Codings, Min = d.Min, Max = d.Max, Whole = entry.Value?.Type.IsInteger == true, Panel = entry.Panel,
                    Taken = entry.Taken?.Eval(_context) as DateOnly?,
                });
            }
            return entries;
        }
    }

    /// <summary>The named values as the engine holds them (dates as dates), for a care plan's state.</summary>
    internal IReadOnlyDictionary<string, object?> RawValues =>
        _q.Values.ToDictionary(v => v.Id, v => _globals[v.Slot], StringComparer.Ordinal);

    public IReadOnlyDictionary<string, object?> CalculatedValues =>
        _q.Values.ToDictionary(v => v.Id, v => Values.ToPlain(_globals[v.Slot]), StringComparer.Ordinal);

    /// <summary>Everything worked out so far, as one snapshot.</summary>
    public SessionResult Result()
    {
        var errors = Errors;
        var missing = Missing;
        var flags = Flags;
        var entries = Entries;
        var stopped = Stopped;
        return new SessionResult
        {
            Questionnaire = _q.Id, Version = _q.Version, Hash = _q.Hash,
            Complete = !stopped && errors.Count == 0 && missing.Count == 0,
            Stopped = stopped,
            Enabled = EnabledIds(),
            Missing = missing, Errors = errors, Values = CalculatedValues, Flags = flags, Entries = entries,
            Summary = Narrative(flags, entries), Progress = Progress, AnswersJson = ExportAnswers(), Patient = Patient,
        };
    }

    private List<string> EnabledIds()
    {
        var enabled = new List<string>(_q.Items.Count);
        foreach (var item in _q.Items)
            if (EnabledAnywhere(item)) enabled.Add(item.Id);
        return enabled;
    }

    private string Narrative(IReadOnlyList<Flag> flags, IReadOnlyList<ProposedEntry> entries)
    {
        if (_q.Root.Narrative is not { } template) return DefaultNarrative(flags);
        var flagRecords = flags.Select(f => new RecordValue(NarrativeGlobals.Flag,
            [f.Rule, f.Level.ToString().ToLowerInvariant(), Markdown.ToPlainText(f.Patient), f.Clinician, f.Source])).ToList();
        var entryRecords = entries.Select(e => new RecordValue(NarrativeGlobals.Entry,
            [e.System, e.Code, e.Display, Values.Format(e.Value), e.Unit])).ToList();
        var questionnaire = new RecordValue(NarrativeGlobals.Questionnaire, [_q.Id, _q.Title, _q.Version]);
        _context.SetFrame(0, [flagRecords, entryRecords, questionnaire]);
        return TidyLines(template.Render(_context));
    }

    /// <summary>Drops the blank lines that template branches not taken leave behind; keeps one between paragraphs.</summary>
    private static string TidyLines(string text)
    {
        var lines = text.Replace("\r", "").Split('\n').Select(l => l.TrimEnd()).ToList();
        var kept = new List<string>(lines.Count);
        foreach (var line in lines)
            if (line.Length > 0 || kept.Count > 0 && kept[^1].Length > 0) kept.Add(line);
        return string.Join('\n', kept).Trim();
    }

    private string DefaultNarrative(IReadOnlyList<Flag> flags)
    {
        var text = new StringBuilder($"{_q.Title} (version {_q.Version}).");
        foreach (var f in flags) text.Append($"\n{f.Level.ToString().ToUpperInvariant()}: {f.Clinician}");
        foreach (var v in _q.Values) text.Append($"\n{v.Id}: {(_globals[v.Slot] is { } x ? Values.Format(x) : "not known")}");
        return text.ToString();
    }

    /// <summary>The pages with at least one enabled item, in order.</summary>
    public IEnumerable<Page> EnabledPages => _q.Pages.Where(HasSomethingToShow);

    /// <summary>A page is shown when one of its items is enabled and not hidden (a hidden item is worked out, not shown).</summary>
    private bool HasSomethingToShow(Page page) => page.Symbols.Any(s => _enabled[s.Order] && !s.Definition.Hidden);

    /// <summary>The first enabled page after <paramref name="pageId"/> (or the first page when null); null at the end or once stopped.</summary>
    public Page? NextPage(string? pageId)
    {
        if (Stopped) return null;
        var pages = _q.Pages;
        var start = pageId is null ? 0 : pages.ToList().FindIndex(p => p.Id == pageId) + 1;
        if (pageId is not null && start == 0) return null;
        for (var i = start; i < pages.Count; i++)
            if (HasSomethingToShow(pages[i])) return pages[i];
        return null;
    }

    /// <summary>The enabled page before <paramref name="pageId"/>, for the back link; null on the first.</summary>
    public Page? PreviousPage(string pageId)
    {
        var pages = _q.Pages;
        var index = pages.ToList().FindIndex(p => p.Id == pageId);
        for (var i = index - 1; i >= 0; i--)
            if (HasSomethingToShow(pages[i])) return pages[i];
        return null;
    }
}
