using System.Globalization;
using System.Text;

namespace HistoryEngine.Runtime;

/// <summary>
/// Where an answer is, as the engine spells it: an item id (<c>measured_at</c>, or a module's item
/// <c>symptoms_now.symptoms</c>, whose id has a dot in it), an item in an instance of a repeating group
/// (<c>readings[1].systolic</c>, <c>visits[0].doses[2].mg</c>), or an instance itself (<c>readings[1]</c>).
/// Only brackets separate steps, so an id is any text without brackets. An index is a non-negative whole number
/// written without leading zeros, so every path has exactly one spelling and <see cref="Format"/> gives back the
/// text it was parsed from. Whether the items exist is the questionnaire's business, not the path's.
/// Immutable and safe to share between threads.
/// </summary>
[System.ComponentModel.TypeConverter(typeof(AnswerPathConverter))]
public sealed class AnswerPath : IEquatable<AnswerPath>
{
    /// <summary>One step: an item id and, for an instance of a repeating group, its index.</summary>
    public readonly record struct Step(string Id, int? Index);

    private readonly Step[] _steps;
    private readonly string _text;

    private AnswerPath(Step[] steps, string text)
    {
        _steps = steps;
        _text = text;
    }

    /// <summary>The steps from the top-level item down; never empty.</summary>
    public IReadOnlyList<Step> Steps => _steps;

    /// <summary>The first item the path names (<c>readings</c> in <c>readings[1].systolic</c>).</summary>
    public string RootId => _steps[0].Id;

    /// <summary>The last item the path names (<c>systolic</c>; for an instance path, its group).</summary>
    public string ItemId => _steps[^1].Id;

    /// <summary>True when the path names an instance of a repeating group (<c>readings[1]</c>), not an item.</summary>
    public bool IsInstance => _steps[^1].Index is not null;

    /// <summary>The innermost instance the path is in or names (<c>readings[1]</c> for <c>readings[1].systolic</c>
    /// and for <c>readings[1]</c>); null for a path with no index.</summary>
    public AnswerPath? Instance
    {
        get
        {
            for (var i = _steps.Length - 1; i >= 0; i--)
                if (_steps[i].Index is not null)
                    return i == _steps.Length - 1 ? this : Of(_steps[..(i + 1)]);
            return null;
        }
    }

    /// <summary>For an instance path, the path of its group (<c>readings</c> for <c>readings[1]</c>,
    /// <c>visits[0].doses</c> for <c>visits[0].doses[2]</c>); null for a path that names an item.</summary>
    public AnswerPath? Group => IsInstance ? Of([.. _steps[..^1], _steps[^1] with { Index = null }]) : null;

    /// <summary>A top-level item's path.</summary>
    public static AnswerPath Of(string itemId) =>
        IsId(itemId) ? new AnswerPath([new Step(itemId, null)], itemId) : throw new FormatException(Problem(itemId));

    /// <summary>The path of one instance of this repeating group path.</summary>
    public AnswerPath At(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (IsInstance)
            throw new InvalidOperationException($"'{this}' is already an instance; name an item in it first");
        return Of([.. _steps[..^1], _steps[^1] with { Index = index }]);
    }

    /// <summary>The path of an item inside this instance.</summary>
    public AnswerPath Child(string itemId)
    {
        if (!IsId(itemId))
            throw new FormatException(Problem(itemId));
        if (!IsInstance)
            throw new InvalidOperationException($"'{this}' is not an instance, so nothing is inside it");
        return Of([.. _steps, new Step(itemId, null)]);
    }

    /// <summary>Reads a path; false for anything that is not one (never throws).</summary>
    public static bool TryParse(string? text, out AnswerPath path)
    {
        path = null!;
        if (string.IsNullOrEmpty(text))
            return false;
        var steps = new List<Step>();
        var position = 0;
        while (true)
        {
            var open = text.IndexOfAny(Brackets, position);
            var id = text[position..(open < 0 ? text.Length : open)];
            if (id.Length == 0 || (open >= 0 && text[open] == ']'))
                return false;
            if (open < 0)
            {
                steps.Add(new Step(id, null));
                break;
            }
            var close = text.IndexOf(']', open);
            if (close < 0 || !TryIndex(text.AsSpan(open + 1, close - open - 1), out var index))
                return false;
            steps.Add(new Step(id, index));
            if (close == text.Length - 1)
                break;
            if (text[close + 1] != '.')
                return false;
            position = close + 2;
        }
        path = new AnswerPath([.. steps], text);
        return true;
    }

    /// <summary>Reads a path; a <see cref="FormatException"/> saying what is wrong when it is not one.</summary>
    public static AnswerPath Parse(string text) =>
        TryParse(text, out var path) ? path : throw new FormatException(Problem(text));

    /// <summary>The path as text, exactly as it was read (or would be read).</summary>
    public string Format() => _text;

    public override string ToString() => _text;

    public bool Equals(AnswerPath? other) => other is not null && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as AnswerPath);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);

    private static readonly char[] Brackets = ['[', ']'];

    private static bool IsId(string? id) => !string.IsNullOrEmpty(id) && id.IndexOfAny(Brackets) < 0;

    // Digits only: no sign, spaces or leading zeros, so "01" and "+1" are not another spelling of 1.
    private static bool TryIndex(ReadOnlySpan<char> digits, out int index)
    {
        index = 0;
        if (digits.IsEmpty || (digits[0] == '0' && digits.Length > 1))
            return false;
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    private static AnswerPath Of(Step[] steps)
    {
        var text = new StringBuilder();
        foreach (var step in steps)
        {
            if (text.Length > 0)
                text.Append('.');
            text.Append(step.Id);
            if (step.Index is { } index)
                text.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
        }
        return new AnswerPath(steps, text.ToString());
    }

    private static string Problem(string? text) =>
        $"'{text}' is not an answer path: expected an item id, or steps like readings[1].systolic (an id is text without " +
        "brackets; an index is a whole number without leading zeros)";
}

/// <summary>Reads an <see cref="AnswerPath"/> from text (a form field's value, bound by a web framework); malformed text is a <see cref="FormatException"/>.</summary>
public sealed class AnswerPathConverter : System.ComponentModel.TypeConverter
{
    public override bool CanConvertFrom(System.ComponentModel.ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(System.ComponentModel.ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? AnswerPath.Parse(text) : base.ConvertFrom(context, culture, value);
}
