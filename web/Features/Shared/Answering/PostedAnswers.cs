using HistoryEngine.Definitions;
using HistoryEngine.Runtime;
using Microsoft.Extensions.Primitives;

namespace HistoryEngine.Web.Features.Shared.Answering;

/// <summary>
/// The answers a page posted. The page lists the paths it showed in hidden <c>shown</c> fields, so an unticked
/// checkbox (which posts nothing) still clears its answer; paths that are not questions on this page are ignored,
/// whatever a hand-made form says, and so is every other field.
/// </summary>
public sealed class PostedAnswers(IFormCollection form)
{
    private readonly List<string> _shown = [.. form["shown"].OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <summary>Messages for inputs that could not make an answer (a date that does not exist), by path.</summary>
    public Dictionary<string, string> FormErrors { get; } = new(StringComparer.Ordinal);

    /// <summary>The question paths that were shown and applied.</summary>
    public List<string> Applied { get; } = [];

    /// <summary>Gives the session this page's answers; instances being added count only when something was typed.</summary>
    public void Apply(Session session, IReadOnlySet<string> pageRootIds)
    {
        var candidates = _shown.Where(p => AnswerPaths.IsOnPage(session.Questionnaire, p, pageRootIds)).ToList();
        var additions = candidates.Where(p => AnswerPaths.IsNewInstance(session, p)).ToList();
        var typedInto = additions.Where(p => HasInput(p)).Select(InstancePrefix).ToHashSet(StringComparer.Ordinal);
        foreach (var path in candidates)
        {
            if (additions.Contains(path) && !typedInto.Contains(InstancePrefix(path)))
                continue;
            if (Question(session.Questionnaire, path) is not { } item || !AnswerPaths.IsReachable(session, path))
                continue;
            var (answer, error) = AnswerInputs.ToAnswer(item, form, path);
            if (error is not null)
                FormErrors[path] = error;
            session.SetAnswer(path, answer);
            Applied.Add(path);
        }
    }

    /// <summary>Shows what was typed in a field that this page posted; false when the field was not posted.</summary>
    public bool FillField(Field field)
    {
        if (!_shown.Contains(field.Path))
            return false;
        field.Text = Value(form[field.Path]);
        field.Selected = [.. form[field.Path].OfType<string>()];
        field.Day = Value(form[field.Path + ":day"]);
        field.Month = Value(form[field.Path + ":month"]);
        field.Year = Value(form[field.Path + ":year"]);
        field.Time = Value(form[field.Path + ":time"]);
        return true;
    }

    /// <summary>The item a path names, if it is a question a patient answers and the path is spelled as the engine
    /// would (an instance item under its own group, every other item by its id alone).</summary>
    public static ItemInfo? Question(CompiledQuestionnaire q, string path)
    {
        if (!AnswerPath.TryParse(path, out var p) || p.IsInstance
            || q.GetItem(p.ItemId) is not { Definition.IsAnswerable: true } item)
            return null;
        var group = item.ParentId is null ? null : q.GetItem(item.ParentId);
        while (group is not null && !group.IsRepeating)
            group = group.ParentId is null ? null : q.GetItem(group.ParentId);
        if (group is null)
            return p.Steps.Count == 1 ? item : null;
        return p.Steps.Count > 1 && p.Steps[^2].Id == group.Id ? item : null;
    }

    private bool HasInput(string path) =>
        new[] { "", ":day", ":month", ":year", ":time" }.Any(s => form[path + s].Any(v => !string.IsNullOrWhiteSpace(v)));

    // Only called with paths in a new instance, which read as paths.
    private static string InstancePrefix(string path) => AnswerPath.Parse(path).Instance!.Format();

    private static string Value(StringValues values) => values.Count == 0 ? "" : values[0] ?? "";
}
