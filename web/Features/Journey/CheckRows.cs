using HistoryEngine.Definitions;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Features.Shared.Answering;

namespace HistoryEngine.Web.Features.Journey;

/// <summary>One answer on the check page, with where to change it.</summary>
public sealed record CheckRow(string Question, string? Answer, string ChangeUrl);

/// <summary>The answers of one page, under the page's title.</summary>
public sealed record CheckSection(string Title, List<CheckRow> Rows);

/// <summary>Builds the "check your answers" list: every enabled question on every enabled page, answered or not.</summary>
public static class CheckRows
{
    public static List<CheckSection> Build(Session session, Func<string, string> pageUrl, bool forCarer = false)
    {
        var sections = new List<CheckSection>();
        foreach (var page in session.EnabledPages)
        {
            var rows = new List<CheckRow>();
            foreach (var id in page.ItemIds)
                if (session.Questionnaire.GetItem(id) is { } item)
                    Add(session, item, item.Id, null, "", pageUrl(page.Id), rows, forCarer);
            var title = PageTitles.Of(session.Questionnaire, page);
            // A module's pages share one title: one section for them all.
            if (rows.Count > 0 && sections.Count > 0 && sections[^1].Title == title)
                sections[^1].Rows.AddRange(rows);
            else if (rows.Count > 0)
                sections.Add(new CheckSection(title, rows));
        }
        return sections;
    }

    /// <summary>The page a path's question is on, for links from problems.</summary>
    public static string? PageOf(Session session, string path) =>
        session.Questionnaire.Pages.FirstOrDefault(p => AnswerPaths.IsOnPage(session.Questionnaire, path, p.ItemIds))?.Id;

    private static void Add(Session session, ItemInfo item, string path, string? instance, string label, string url, List<CheckRow> rows,
        bool forCarer)
    {
        if (!session.IsEnabledAt(path) || item.Type == ItemType.Display || item.Definition.Hidden)
            return;
        if (item.IsRepeating)
        {
            var count = session.InstanceCount(path);
            if (count == 0)
                rows.Add(new CheckRow(AnswerText.Question(item, forCarer), null, $"{url}#{FieldIds.For(path)}"));
            for (var k = 0; k < count; k++)
            {
                var prefix = AnswerPaths.Instance(path, k);
                foreach (var child in item.Children)
                    Add(session, child, AnswerPaths.Child(prefix, child), prefix, AnswerText.EntryName(item, k) + ": ", url, rows, forCarer);
            }
            return;
        }
        if (item.Type == ItemType.Group)
        {
            foreach (var child in item.Children)
                Add(session, child, AnswerPaths.Child(instance, child), instance, label, url, rows, forCarer);
            return;
        }
        var change = instance is null ? $"{url}#{FieldIds.For(path)}" : $"{url}?edit={Uri.EscapeDataString(instance)}#{FieldIds.For(path)}";
        var question = label.Length == 0 ? AnswerText.Question(item, forCarer) : AnswerText.LowerFirst(AnswerText.Question(item, forCarer));
        rows.Add(new CheckRow(label + question, AnswerText.Format(item, session.GetAnswer(path)), change));
    }
}
