using HistoryEngine.Definitions;
using HistoryEngine.Runtime;

namespace HistoryEngine.Web.Features.Shared.Answering;

/// <summary>
/// The problems to show on one page: the engine's errors for the page's questions (wrong type, out of range, too
/// long, failed checks), inputs that could not make an answer, and required questions left unanswered, but only
/// those the patient was actually shown (a question that has just appeared is shown, not complained about).
/// </summary>
public static class PageProblems
{
    public static Dictionary<string, string> Errors(Session session, IReadOnlySet<string> pageRootIds,
        IReadOnlyDictionary<string, string>? formErrors = null, IEnumerable<string>? shown = null)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, message) in formErrors ?? new Dictionary<string, string>())
            errors[path] = message;
        foreach (var error in session.Errors.Where(e => AnswerPaths.IsOnPage(session.Questionnaire, e.Path, pageRootIds)))
            errors.TryAdd(error.Path, error.Message);
        foreach (var path in shown ?? [])
        {
            if (errors.ContainsKey(path) || !AnswerPaths.IsReachable(session, path) || AnswerPaths.IsNewInstance(session, path)
                || session.Questionnaire.GetItem(AnswerPaths.ItemId(path)) is not { Definition.Required: true } item
                || !session.IsEnabledAt(path))
                continue;
            if (item.IsRepeating ? session.InstanceCount(path) == 0 : IsUnanswered(session.GetAnswer(path)))
                errors[path] = MissingMessage(item);
        }
        return errors;
    }

    /// <summary>Every problem in the questionnaire, for the check page: errors first, then unanswered questions.</summary>
    public static List<(string Path, string Message)> All(Session session)
    {
        var list = session.Errors.Select(e => (e.Path, e.Message)).ToList();
        foreach (var id in session.Missing)
        {
            if (session.Questionnaire.GetItem(id) is { } item)
                list.Add((id, MissingMessage(item)));
        }
        return list;
    }

    private static bool IsUnanswered(object? answer) => answer is null or string[] { Length: 0 };

    public static string MissingMessage(ItemInfo item) => item.Type switch
    {
        _ when item.IsRepeating => item.Definition.MinCount is > 1 and var min
            ? $"Add at least {min}: {AnswerText.Question(item)}" : $"Add at least one: {AnswerText.Question(item)}",
        ItemType.Boolean => $"Select yes or no: {AnswerText.Question(item)}",
        ItemType.Choice => $"Select one option: {AnswerText.Question(item)}",
        ItemType.MultipleChoice => $"Select at least one option: {AnswerText.Question(item)}",
        ItemType.Date => $"Enter a date: {AnswerText.Question(item)}",
        ItemType.DateTime => $"Enter a date and time: {AnswerText.Question(item)}",
        ItemType.Integer or ItemType.Decimal => $"Enter a number: {AnswerText.Question(item)}",
        _ => $"Enter an answer: {AnswerText.Question(item)}",
    };
}
