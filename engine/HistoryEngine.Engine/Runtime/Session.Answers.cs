using System.Globalization;
using System.Text.Json;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.Runtime;

public sealed partial class Session
{
    /// <summary>
    /// Sets, replaces or clears (null) one answer. <paramref name="path"/> is an item id, or for an item inside a
    /// repeating group <c>group[index].item</c>; a whole repeating group takes a list of objects. Problems are
    /// reported through <see cref="Result"/>'s errors, never thrown.
    /// </summary>
    public void SetAnswer(string path, object? value)
    {
        if (_unknown.Count > 0) _unknown.RemoveAll(e => e.Path == path);
        if (!TryResolve(path, out var root, out var instance, out var item, create: true, out var top))
        {
            _unknown.Add(new AnswerError(path, path, Codes.AnswerUnknownItem.Code, $"There is no question '{path}' in this questionnaire"));
            return;
        }
        if (instance is null && item.IsRepeating)
            SetInstances(item, (List<InstanceState>)_raw[item.Order]!, value, path);
        else if (instance is null)
            Store(item, value, path, ref _raw[item.Order], ref _errors[item.Order]);
        else if (item.IsRepeating)
            SetInstances(item, instance.Nested(item), value, path);
        else
            Store(item, value, path, ref instance.Raw[item.Slot], ref instance.Errors[item.Slot]);
        if (instance is not null) _onlyInstance = (root, top);
        Propagate(root.Node);
    }

    /// <summary>Sets every answer in an answers object (the CLI's and the API's JSON shape).</summary>
    public void SetAnswers(JsonElement answers)
    {
        if (answers.ValueKind != JsonValueKind.Object)
        {
            _unknown.Add(new AnswerError("", "", Codes.AnswerWrongType.Code, "The answers must be a JSON object keyed by item id"));
            return;
        }
        foreach (var property in answers.EnumerateObject()) SetAnswer(property.Name, property.Value);
    }

    /// <summary>Adds an empty instance to a repeating group and returns its index, or -1 if there is no such group or it is full.</summary>
    public int AddInstance(string groupPath)
    {
        if (!TryResolve(groupPath, out var root, out var parent, out var group, create: true, out var top) || !group.IsRepeating) return -1;
        var list = parent is null ? (List<InstanceState>)_raw[group.Order]! : parent.Nested(group);
        if (group.Definition.MaxCount is { } max && list.Count >= max) return -1;
        list.Add(InstanceState.Create(group.InstanceShape!));
        _onlyInstance = parent is null ? (root, list.Count - 1) : (root, top);
        Propagate(root.Node);
        return list.Count - 1;
    }

    /// <summary>Removes one instance of a repeating group; false if there is none at that index.</summary>
    public bool RemoveInstance(string groupPath, int index)
    {
        if (!TryResolve(groupPath, out var root, out var parent, out var group, create: false, out var top) || !group.IsRepeating) return false;
        var list = parent is null ? (List<InstanceState>)_raw[group.Order]! : parent.Nested(group);
        if (index < 0 || index >= list.Count) return false;
        list.RemoveAt(index);
        _unknown.RemoveAll(e => e.Path.StartsWith(groupPath + "[", StringComparison.Ordinal));
        // Removing the last instance moves no other; removing one before it renumbers the rest, so all are redone.
        if (parent is null && index == list.Count) _onlyInstance = (root, index);
        else if (parent is not null) _onlyInstance = (root, top);
        Propagate(root.Node);
        return true;
    }

    /// <summary>How many instances a repeating group has now.</summary>
    public int InstanceCount(string groupPath) =>
        TryResolve(groupPath, out _, out var parent, out var group) && group.IsRepeating
            ? (parent is null ? (List<InstanceState>)_raw[group.Order]! : parent.Nested(group)).Count
            : 0;

    /// <summary>The answer stored at a path, as given to the session after conversion (null if none).</summary>
    public object? GetAnswer(string path) =>
        TryResolve(path, out _, out var instance, out var item) && !item.IsRepeating
            ? Expressions.Values.ToPlain(instance is null ? _raw[item.Order] : instance.Raw[item.Slot])
            : null;

    private void Store(ItemSymbol item, object? value, string path, ref object? raw, ref AnswerError? error)
    {
        if (item.Calculated is not null)
        {
            _unknown.Add(new AnswerError(item.Id, path, Codes.AnswerNotAQuestion.Code, "This is worked out by the questionnaire, so it cannot be answered"));
            return;
        }
        var converted = AnswerConverter.Convert(item, value);
        raw = converted.Stored ? converted.Value : null;
        error = converted.Code is null ? null : new AnswerError(item.Id, path, converted.Code.Code, converted.Message!);
    }

    private void SetInstances(ItemSymbol group, List<InstanceState> list, object? value, string path)
    {
        list.Clear();
        _unknown.RemoveAll(e => e.Path.StartsWith(path + "[", StringComparison.Ordinal));
        var rows = value switch
        {
            null => [],
            JsonElement { ValueKind: JsonValueKind.Null } => [],
            JsonElement { ValueKind: JsonValueKind.Array } e => e.EnumerateArray().Select(x => (object?)x).ToList(),
            IEnumerable<IReadOnlyDictionary<string, object?>> dicts => dicts.Select(d => (object?)d).ToList(),
            _ => null,
        };
        if (rows is null)
        {
            _unknown.Add(new AnswerError(group.Id, path, Codes.AnswerWrongType.Code, "A repeating group takes a list of answers"));
            return;
        }
        foreach (var row in rows)
        {
            var state = new InstanceState(group.InstanceShape!);
            var rowPath = $"{path}[{list.Count}]";
            list.Add(state);
            IEnumerable<KeyValuePair<string, object?>>? fields = row switch
            {
                JsonElement { ValueKind: JsonValueKind.Object } o => o.EnumerateObject().Select(p => new KeyValuePair<string, object?>(p.Name, p.Value)),
                IReadOnlyDictionary<string, object?> d => d,
                _ => null,
            };
            if (fields is null)
            {
                _unknown.Add(new AnswerError(group.Id, rowPath, Codes.AnswerWrongType.Code, "Each entry of a repeating group is an object of answers"));
                continue;
            }
            foreach (var (key, fieldValue) in fields)
            {
                var child = group.InstanceShape!.Items.FirstOrDefault(i => i.Id == key && i.Frame == group.InstanceShape);
                var childPath = $"{rowPath}.{key}";
                if (child is null)
                    _unknown.Add(new AnswerError(key, childPath, Codes.AnswerUnknownItem.Code, $"There is no question '{key}' in '{group.Id}'"));
                else if (child.IsRepeating) SetInstances(child, state.Nested(child), fieldValue, childPath);
                else Store(child, fieldValue, childPath, ref state.Raw[child.Slot], ref state.Errors[child.Slot]);
            }
        }
    }

    /// <summary>
    /// Finds the item a path names, the top-level item whose node it changes, and the instance holding it. Only with
    /// <paramref name="create"/> may the path name the instance one past the end, which is then added; instances
    /// added for a path that turns out not to resolve are removed again, so a failed or read-only lookup changes nothing.
    /// </summary>
    private bool TryResolve(string path, out ItemSymbol root, out InstanceState? instance, out ItemSymbol item, bool create = false) =>
        TryResolve(path, out root, out instance, out item, create, out _);

    // top: the index of the top-level group's instance the path goes through (-1 if none).
    private bool TryResolve(string path, out ItemSymbol root, out InstanceState? instance, out ItemSymbol item, bool create, out int top)
    {
        // A path without an instance index creates nothing: no list for what it creates.
        var created = create && path.Contains('[') ? new List<(List<InstanceState> List, InstanceState State)>() : null;
        if (Resolve(path, out root, out instance, out item, created, out top)) return true;
        foreach (var (list, state) in created ?? []) list.Remove(state);
        return false;
    }

    private bool Resolve(string path, out ItemSymbol root, out InstanceState? instance, out ItemSymbol item,
        List<(List<InstanceState> List, InstanceState State)>? created, out int top)
    {
        root = item = null!;
        instance = null;
        top = -1;
        var rest = path.AsSpan();
        List<InstanceState>? list = null;
        while (true)
        {
            var bracket = rest.IndexOf('[');
            if (!_q.ItemsBySpan.TryGetValue(bracket < 0 ? rest : rest[..bracket], out var symbol)) return false;
            if (list is null)
            {
                if (!symbol.IsRoot) return false;
                root = symbol;
            }
            else if (symbol.Frame != item.InstanceShape) return false;
            item = symbol;
            if (bracket < 0) return true;
            if (!item.IsRepeating) return false;
            list = instance is null ? (List<InstanceState>)_raw[item.Order]! : instance.Nested(item);
            var close = rest.IndexOf(']');
            if (close < bracket || !int.TryParse(rest[(bracket + 1)..close], NumberStyles.None, CultureInfo.InvariantCulture, out var index)) return false;
            if (index > list.Count || index < 0) return false;
            if (index == list.Count)
            {
                if (created is null || item.Definition.MaxCount is { } max && list.Count >= max) return false;
                var added = InstanceState.Create(item.InstanceShape!);
                list.Add(added);
                created.Add((list, added));
            }
            if (instance is null) top = index;
            instance = list[index];
            rest = rest[(close + 1)..];
            if (rest.IsEmpty) return false;
            if (rest[0] != '.') return false;
            rest = rest[1..];
        }
    }

    /// <summary>The stored answers in the answers-JSON shape, invalid-but-kept answers included.</summary>
    public string ExportAnswers()
    {
        // Written into a pooled buffer: at 20,000 items the text is about half a megabyte, and a growing stream and
        // its copy would each be large-object-heap allocations, which bring on full garbage collections.
        using var buffer = new PooledBufferWriter();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var item in _q.Items)
                if (item.IsRoot) WriteAnswer(w, item, _raw[item.Order]);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteAnswer(Utf8JsonWriter w, ItemSymbol item, object? raw)
    {
        if (item.IsRepeating)
        {
            var list = (List<InstanceState>?)raw ?? [];
            if (list.Count == 0) return;
            w.WriteStartArray(item.Id);
            foreach (var state in list)
            {
                w.WriteStartObject();
                foreach (var child in item.InstanceShape!.Items) WriteAnswer(w, child, state.Raw[child.Slot]);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            return;
        }
        if (raw is null) return;
        w.WritePropertyName(item.Id);
        JsonValues.Write(w, raw);
    }
}
