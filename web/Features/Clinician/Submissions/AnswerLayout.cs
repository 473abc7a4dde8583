using HistoryEngine.Definitions;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Features.Shared.Answering;

namespace HistoryEngine.Web.Features.Clinician.Submissions;

/// <summary>One piece of a page of answers, as the clinician reads it.</summary>
public abstract record AnswerBlock;

/// <summary>A question and the patient's answer in words (options by their display text, numbers with units);
/// null when it was asked and left unanswered.</summary>
public sealed record AnswerRow(string Question, string? Answer) : AnswerBlock;

/// <summary>The heading of a group of questions (a module, or a group inside a page).</summary>
public sealed record AnswerHeading(string Text) : AnswerBlock;

/// <summary>A repeating group (readings, medicines) as a table: one row per entry the patient added.</summary>
public sealed record AnswerTable(string Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows) : AnswerBlock;

/// <summary>The answers of one page of the questionnaire, under its title.</summary>
public sealed record AnswerSection(string Title, IReadOnlyList<AnswerBlock> Blocks);

/// <summary>
/// Lays out a replayed submission as the questionnaire was: page by page, groups under their headings, only the
/// questions that were enabled for this patient. A "No" or a "None of these" is an answer and is shown; an enabled
/// question left blank is shown as not answered. Text stays plain: Razor encodes it.
/// </summary>
public static class AnswerLayout
{
    public const string Blank = "Not answered";

    public static IReadOnlyList<AnswerSection> Build(Session session)
    {
        var sections = new List<AnswerSection>();
        foreach (var page in session.EnabledPages)
        {
            var blocks = new List<AnswerBlock>();
            foreach (var id in page.ItemIds)
                if (session.Questionnaire.GetItem(id) is { } item)
                    Add(session, item, item.Id, null, blocks);
            if (blocks.Count > 0)
                sections.Add(new AnswerSection(page.Title ?? session.Questionnaire.Title, blocks));
        }
        return sections;
    }

    /// <summary>Included modules that were not asked (their group disabled), by title: so the clinician knows what
    /// the patient was never asked about (hazard H2).</summary>
    public static IReadOnlyList<string> ModulesNotAsked(Session session) =>
        [.. session.Questionnaire.ItemIds
            .Select(id => session.Questionnaire.GetItem(id)!)
            .Where(i => i.Definition.Module is not null && !i.IsRepeating && !session.IsEnabled(i.Id))
            .Select(i => i.Definition.Module!.Title)];

    private static void Add(Session session, ItemInfo item, string path, string? instance, List<AnswerBlock> blocks)
    {
        if (!session.IsEnabledAt(path) || item.Type == ItemType.Display)
            return;
        if (item.IsRepeating)
        {
            blocks.Add(Table(session, item, path));
            return;
        }
        if (item.Type == ItemType.Group)
        {
            var heading = item.Definition.Text is not null ? AnswerText.Question(item) : item.Definition.Module?.Title;
            if (heading is not null)
                blocks.Add(new AnswerHeading(heading));
            foreach (var child in item.Children)
                Add(session, child, AnswerPaths.Child(instance, child), instance, blocks);
            return;
        }
        blocks.Add(new AnswerRow(AnswerText.Question(item), AnswerText.Format(item, session.GetAnswer(path))));
    }

    private static AnswerTable Table(Session session, ItemInfo group, string path)
    {
        var columns = Leaves(group).ToList();
        var rows = new List<IReadOnlyList<string?>>();
        for (var k = 0; k < session.InstanceCount(path); k++)
        {
            var prefix = AnswerPaths.Instance(path, k);
            rows.Add([.. columns.Select(c =>
            {
                var cellPath = AnswerPaths.Child(prefix, c);
                if (c.IsRepeating)
                    return $"{session.InstanceCount(cellPath)} added";
                return session.IsEnabledAt(cellPath) ? AnswerText.Format(c, session.GetAnswer(cellPath)) ?? Blank : "(not asked)";
            })]);
        }
        return new AnswerTable(AnswerText.Question(group), [.. columns.Select(AnswerText.Question)], rows);
    }

    /// <summary>The questions of a repeating group, through any plain groups inside it; a nested repeating group is one column.</summary>
    private static IEnumerable<ItemInfo> Leaves(ItemInfo group)
    {
        foreach (var child in group.Children)
        {
            if (child.Type == ItemType.Display)
                continue;
            if (child.Type == ItemType.Group && !child.IsRepeating)
                foreach (var leaf in Leaves(child))
                    yield return leaf;
            else
                yield return child;
        }
    }
}
