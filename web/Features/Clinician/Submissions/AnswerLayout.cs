using HistoryEngine.Definitions;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Features.Shared.Answering;

namespace HistoryEngine.Web.Features.Clinician.Submissions;

/// <summary>One piece of a page of answers, as the clinician reads it.</summary>
public abstract record AnswerBlock;

/// <summary>A question and the patient's answer in words (options by their display text, numbers with units).</summary>
public sealed record AnswerRow(string Question, string Answer) : AnswerBlock;

/// <summary>The heading of a group of questions (a module, or a group inside a page).</summary>
public sealed record AnswerHeading(string Text) : AnswerBlock;

/// <summary>A repeating group (readings, medicines) as a table: one row per entry the patient added.</summary>
public sealed record AnswerTable(string Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows) : AnswerBlock;

/// <summary>The answers under one section title of the questionnaire (null before the first titled page).</summary>
public sealed record AnswerSection(string? Title, IReadOnlyList<AnswerBlock> Blocks);

/// <summary>What the patient answered, section by section, and the questions they were asked and left blank.</summary>
public sealed record AnswerSheet(IReadOnlyList<AnswerSection> Sections, IReadOnlyList<string> NotAnswered)
{
    public static readonly AnswerSheet Empty = new([], []);
}

/// <summary>
/// Lays out a replayed submission as the questionnaire was: under its pages' own titles (a page without a title
/// continues the section before it), groups under their headings, only what this patient answered. A "No" or a
/// "None of these" is an answer and is shown; the questions asked and left blank are listed apart, in one line, so
/// the clinician reads what was said first. Text stays plain: Razor encodes it.
/// </summary>
public static class AnswerLayout
{
    public const string Blank = "Not answered";

    /// <param name="session">The replayed session.</param>
    /// <param name="shownElsewhere">Repeating groups the page shows in their own way (a diary's readings), left out here.</param>
    public static AnswerSheet Build(Session session, IReadOnlySet<string>? shownElsewhere = null)
    {
        var sections = new List<AnswerSection>();
        var notAnswered = new List<string>();
        string? title = null;
        var blocks = new List<AnswerBlock>();
        void Close()
        {
            if (blocks.Count > 0) sections.Add(new AnswerSection(title, blocks));
            blocks = [];
        }
        foreach (var page in session.EnabledPages)
        {
            if (page.Title is not null && page.Title != title)
            {
                Close();
                title = page.Title;
            }
            foreach (var id in page.ItemIds)
                if (session.Questionnaire.GetItem(id) is { } item && shownElsewhere?.Contains(item.Id) != true)
                    Add(session, item, item.Id, null, blocks, notAnswered);
        }
        Close();
        return new AnswerSheet(sections, notAnswered);
    }

    /// <summary>Included modules that were not asked (their group disabled), by title: so the clinician knows what
    /// the patient was never asked about (hazard H2).</summary>
    public static IReadOnlyList<string> ModulesNotAsked(Session session) =>
        [.. session.Questionnaire.ItemIds
            .Select(id => session.Questionnaire.GetItem(id)!)
            .Where(i => i.Definition.Module is not null && !i.IsRepeating && !session.IsEnabled(i.Id))
            .Select(i => i.Definition.Module!.Title)];

    private static void Add(Session session, ItemInfo item, string path, string? instance, List<AnswerBlock> blocks, List<string> notAnswered)
    {
        if (!session.IsEnabledAt(path) || item.Type == ItemType.Display)
            return;
        if (item.IsRepeating)
        {
            if (session.InstanceCount(path) > 0)
                blocks.Add(Table(session, item, path));
            return;
        }
        if (item.Type == ItemType.Group)
        {
            var inner = new List<AnswerBlock>();
            foreach (var child in item.Children)
                Add(session, child, AnswerPaths.Child(instance, child), instance, inner, notAnswered);
            // A heading only over answers: a group left wholly blank is just its questions in the not-answered line.
            var heading = item.Definition.Text is not null ? AnswerText.Question(item) : item.Definition.Module?.Title;
            if (heading is not null && inner.Count > 0)
                blocks.Add(new AnswerHeading(heading));
            blocks.AddRange(inner);
            return;
        }
        if (AnswerText.Format(item, session.GetAnswer(path)) is { } answer)
            blocks.Add(new AnswerRow(AnswerText.Question(item), answer));
        else
            notAnswered.Add(AnswerText.Question(item));
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
