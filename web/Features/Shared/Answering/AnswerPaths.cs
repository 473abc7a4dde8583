using HistoryEngine.Runtime;

namespace HistoryEngine.Web.Features.Shared.Answering;

/// <summary>
/// Answer paths (<see cref="AnswerPath"/>: <c>measured_at</c>, <c>symptoms_now.symptoms</c>, <c>readings[1].systolic</c>)
/// checked against a questionnaire and a session. Paths come back from forms, so any text may arrive: a path that
/// does not read as one is on no page, reachable nowhere and names no item, and is ignored like any other field a
/// page did not show.
/// </summary>
public static class AnswerPaths
{
    /// <summary>The item id a path names (for an instance, its group); empty when the text is not a path.</summary>
    public static string ItemId(string path) => AnswerPath.TryParse(path, out var p) ? p.ItemId : "";

    /// <summary>True when the item a path names, or a group around it, is one of a page's items. A module with pages
    /// of its own puts its items on pages directly (<c>cough.breathing_now</c>), not the module's group, so climbing
    /// to the top-level item is not enough.</summary>
    public static bool IsOnPage(CompiledQuestionnaire q, string path, IEnumerable<string> pageItemIds)
    {
        if (!AnswerPath.TryParse(path, out var p))
            return false;
        var ids = pageItemIds as IReadOnlySet<string> ?? pageItemIds.ToHashSet(StringComparer.Ordinal);
        for (var item = q.GetItem(p.RootId); item is not null; item = item.ParentId is { } parent ? q.GetItem(parent) : null)
        {
            if (ids.Contains(item.Id))
                return true;
        }
        return ids.Contains(p.RootId);
    }

    /// <summary>The path of an item inside a group: instance items carry the instance's prefix; every other item is
    /// addressed by its questionnaire-wide id.</summary>
    public static string Child(string? instancePrefix, ItemInfo child) =>
        instancePrefix is null ? child.Id : $"{instancePrefix}.{child.Id}";

    /// <summary>The prefix of one instance of a repeating group.</summary>
    public static string Instance(string groupPath, int index) => $"{groupPath}[{index}]";

    /// <summary>True when <paramref name="path"/> names a question at a real or next-to-be-added instance, so that
    /// reading or setting it cannot make the engine add instances out of order. Every index in the path is checked,
    /// and only the last may be the one to be added.</summary>
    public static bool IsReachable(Session session, string path)
    {
        if (!AnswerPath.TryParse(path, out var p))
            return false;
        var prefix = "";
        for (var i = 0; i < p.Steps.Count; i++)
        {
            var (id, index) = p.Steps[i];
            var group = prefix.Length == 0 ? id : $"{prefix}.{id}";
            if (index is not { } k)
                break;
            var count = session.InstanceCount(group);
            var deeper = p.Steps.Skip(i + 1).Any(s => s.Index is not null);
            if (k > count || (k == count && deeper))
                return false;
            prefix = Instance(group, k);
        }
        return true;
    }

    /// <summary>True when the path is in (or names) an instance that does not exist yet: the one being added.</summary>
    public static bool IsNewInstance(Session session, string path) =>
        AnswerPath.TryParse(path, out var p) && p.Instance is { } instance
        && instance.Steps[^1].Index == session.InstanceCount(instance.Group!.Format());

    /// <summary>True when the text names an instance that exists now (<c>medicines[2]</c> with three or more).</summary>
    public static bool IsExistingInstance(Session session, string path) =>
        AnswerPath.TryParse(path, out var p) && p.IsInstance
        && p.Steps[^1].Index < session.InstanceCount(p.Group!.Format());
}
