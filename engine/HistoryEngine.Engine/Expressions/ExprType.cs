using HistoryEngine.Runtime;

namespace HistoryEngine.Expressions;

internal enum TypeKind { Error, Boolean, Number, Text, Code, CodeSet, Date, DateTime, Record, List }

/// <summary>
/// The static type of an expression. Choices carry their option set, so a comparison with a code that is not an
/// option is caught at load; records and lists carry the shape of their group.
/// </summary>
internal sealed record ExprType(TypeKind Kind)
{
    public bool IsInteger { get; init; }
    public ItemSymbol? Choice { get; init; }
    public RecordShape? Shape { get; init; }

    public static readonly ExprType Error = new(TypeKind.Error);
    public static readonly ExprType Boolean = new(TypeKind.Boolean);
    public static readonly ExprType Integer = new(TypeKind.Number) { IsInteger = true };
    public static readonly ExprType Decimal = new(TypeKind.Number);
    public static readonly ExprType Text = new(TypeKind.Text);
    public static readonly ExprType Date = new(TypeKind.Date);
    public static readonly ExprType DateTime = new(TypeKind.DateTime);

    public static ExprType ListOf(RecordShape shape) => new(TypeKind.List) { Shape = shape };
    public static ExprType RecordOf(RecordShape shape) => new(TypeKind.Record) { Shape = shape };

    public bool IsNumber => Kind == TypeKind.Number;

    /// <summary>How the type reads in a message to an author.</summary>
    public string Describe() => Kind switch
    {
        TypeKind.Boolean => "true/false",
        TypeKind.Number => IsInteger ? "a whole number" : "a number",
        TypeKind.Text => "text",
        TypeKind.Code => Choice is null ? "a choice" : $"a choice of '{Choice.Id}'",
        TypeKind.CodeSet => Choice is null ? "a set of choices" : $"the choices of '{Choice.Id}'",
        TypeKind.Date => "a date",
        TypeKind.DateTime => "a date and time",
        TypeKind.Record => $"one '{Shape?.Name}'",
        TypeKind.List => $"the list '{Shape?.Name}'",
        _ => "an error",
    };
}
