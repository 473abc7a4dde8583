using HistoryEngine.Runtime;

namespace HistoryEngine.Web.Features.Journey;

/// <summary>Answer paths as the engine spells them: <c>measured_at</c>, <c>symptoms_now.symptoms</c> (a module's
/// item), <c>readings[1].systolic</c> (an item in the second reading).</summary>
public static class AnswerPaths
{
    /// <summary>The item id a path names: the part after the last instance index, or the whole path.</summary>
    public static string ItemId(string path)
    {
        var close = path.LastIndexOf(']');
        return close < 0 ? path : path[(close + 2)..];
    }

    /// <summary>The first item a path names (before any instance index).</summary>
    public static string RootId(string path)
    {
        var bracket = path.IndexOf('[');
        return bracket < 0 ? path : path[..bracket];
    }

    /// <summary>The top-level item a path belongs to, whose page is the path's page: items in a group (a module,
    /// say) are addressed by their own id, so this climbs to the group at the top.</summary>
    public static string TopLevelId(CompiledQuestionnaire q, string path)
    {
        var item = q.GetItem(RootId(path));
        while (item?.ParentId is { } parent)
            item = q.GetItem(parent);
        return item?.Id ?? RootId(path);
    }

    /// <summary>True when the item a path names, or a group around it, is one of a page's items. A module with pages
    /// of its own puts its items on pages directly (<c>cough.breathing_now</c>), not the module's group, so climbing
    /// to the top-level item is not enough.</summary>
    public static bool IsOnPage(CompiledQuestionnaire q, string path, IEnumerable<string> pageItemIds)
    {
        var ids = pageItemIds as IReadOnlySet<string> ?? pageItemIds.ToHashSet(StringComparer.Ordinal);
        for (var item = q.GetItem(RootId(path)); item is not null; item = item.ParentId is { } parent ? q.GetItem(parent) : null)
        {
            if (ids.Contains(item.Id))
                return true;
        }
        return ids.Contains(RootId(path));
    }

    /// <summary>The path of an item inside a group: instance items carry the instance's prefix; every other item is
    /// addressed by its questionnaire-wide id.</summary>
    public static string Child(string? instancePrefix, ItemInfo child) =>
        instancePrefix is null ? child.Id : $"{instancePrefix}.{child.Id}";

    /// <summary>The prefix of one instance of a repeating group.</summary>
    public static string Instance(string groupPath, int index) => $"{groupPath}[{index}]";

    /// <summary>True when <paramref name="path"/> names a question at a real or next-to-be-added instance, so that
    /// reading or setting it cannot make the engine add instances out of order. Every index in the path is checked.</summary>
    public static bool IsReachable(Session session, string path)
    {
        for (var bracket = path.IndexOf('['); bracket >= 0; bracket = path.IndexOf('[', bracket + 1))
        {
            var close = path.IndexOf(']', bracket);
            if (close < 0 || !int.TryParse(path.AsSpan(bracket + 1, close - bracket - 1), System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out var index))
                return false;
            var count = session.InstanceCount(path[..bracket]);
            if (index > count || (index == count && path.IndexOf('[', close) >= 0))
                return false;
        }
        return true;
    }

    /// <summary>True when the path names an instance that does not exist yet (the one being added).</summary>
    public static bool IsNewInstance(Session session, string path)
    {
        var close = path.LastIndexOf(']');
        if (close < 0) return false;
        var bracket = path.LastIndexOf('[', close);
        return int.TryParse(path.AsSpan(bracket + 1, close - bracket - 1), out var index)
            && index == session.InstanceCount(path[..bracket]);
    }
}
