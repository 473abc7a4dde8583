using System.Text.Json;
using HistoryEngine.Definitions;
using HistoryEngine.Runtime;

namespace HistoryEngine.Web.Features.Shared.Answering;

/// <summary>
/// Issue 15 point 7: a question that an answer brings onto the same page is shown under the option that brings it, as
/// NHS.UK conditional radios do, so that with JavaScript on it appears in place as the option is chosen. Which option
/// brings which question is the engine's to say, not guessed from the condition's text: for each radio question on the
/// page, the session is copied with each of its options chosen (and with none), and a later question of the page is
/// placed under an option when that option, and only that one, enables it. The server stays the truth: a region whose
/// option is not chosen is sent closed (hidden, its inputs switched off so nothing in it is posted), and every answer
/// is checked again when the page is posted. Without JavaScript nothing changes: the question appears once the answer
/// is sent, with the page's note saying so.
/// </summary>
public static class InPlaceReveals
{
    /// <summary>Moves the questions that a radio option of the page brings in under that option. <paramref name="fields"/>
    /// are the page's top-level fields as built from <paramref name="session"/>; <paramref name="build"/> builds one
    /// top-level item's field from a session (for a question not asked yet, from the copy in which it is).</summary>
    public static void Arrange(Session session, IEnumerable<string> pageItems, List<Field> fields,
        Func<Session, string, Field?> build, TimeProvider clock)
    {
        var pageItemIds = pageItems.ToList();
        var conditional = pageItemIds.Where(id => session.Questionnaire.GetItem(id)?.Definition is { EnableWhen: not null, Hidden: false }).ToList();
        if (conditional.Count == 0)
            return;
        var controllers = fields.Where(f => f.Type is ItemType.Boolean or ItemType.Choice && !f.IsCalculated && !f.Definition.ReadOnly).ToList();
        if (controllers.Count == 0)
            return;
        string? answers = null;
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var controller in controllers)
        {
            var after = conditional.Where(id => pageItemIds.IndexOf(id) > pageItemIds.IndexOf(controller.Path) && !placed.Contains(id)).ToList();
            if (after.Count == 0)
                continue;
            answers ??= session.ExportAnswers();
            var options = Options(controller);
            var none = Copy(session, answers, clock, controller.Path, null);
            var copies = options.Select(o => (Code: o.Code, Copy: Copy(session, answers, clock, controller.Path, o.Value))).ToList();
            foreach (var id in after)
            {
                if (none.IsEnabledAt(id))
                    continue;
                var enabling = copies.Where(c => c.Copy.IsEnabledAt(id)).ToList();
                if (enabling.Count != 1)
                    continue;
                var (code, copy) = enabling[0];
                var open = session.IsEnabledAt(id);
                var field = open ? fields.FirstOrDefault(f => f.Path == id) : build(copy, id);
                if (field is null)
                    continue;
                var reveal = controller.Reveals.FirstOrDefault(r => r.OptionCode == code);
                if (reveal is null)
                {
                    reveal = new Reveal(code, $"{controller.Id}-{code}-reveal", open, []);
                    controller.Reveals.Add(reveal);
                }
                reveal.Fields.Add(field);
                fields.Remove(field);
                placed.Add(id);
            }
        }
    }

    private static List<(string Code, object Value)> Options(Field radio) => radio.Type == ItemType.Boolean
        ? [("true", true), ("false", false)]
        : [.. radio.Definition.Options.Select(o => (o.Code, (object)o.Code))];

    private static Session Copy(Session session, string answers, TimeProvider clock, string path, object? value)
    {
        var copy = session.Questionnaire.CreateSession(clock, session.Patient);
        using (var doc = JsonDocument.Parse(answers))
            copy.SetAnswers(doc.RootElement);
        copy.SetAnswer(path, value);
        return copy;
    }
}
