namespace HistoryEngine.Runtime;

/// <summary>
/// A problem with an answer, shown next to its field: wrong type, out of range, too long, a failed check.
/// <see cref="Path"/> names the instance too (<c>readings[2].systolic</c>); <see cref="Item"/> is the item id alone.
/// </summary>
public sealed record AnswerError(string Item, string Path, string Code, string Message);
