using System.Collections.Frozen;
using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;
using HistoryEngine.Runtime;

namespace HistoryEngine.Expressions;

/// <summary>One field of the patient's context as expressions see it: its name after <c>patient.</c>, its type, and how it is read.</summary>
internal sealed record PatientField(string Name, ExprType Type, Func<PatientContext, DateTime, object?> Read);

/// <summary>
/// The declared fields of the patient's context (<see cref="PatientContext"/>). An expression names them as
/// <c>patient.age</c>; any other name after <c>patient.</c> is an error at load. New fields (values from the record,
/// a FHIR launch context) are added here, each with its type, so that every reader is checked like an item.
/// </summary>
internal static class PatientFields
{
    public const string Name = "patient";

    /// <summary>A stand-in item that carries the sex codes, so <c>patient.sex == 'femal'</c> is caught like any choice.</summary>
    private static readonly ItemSymbol SexChoice = BuildSexChoice();

    public static readonly FrozenDictionary<string, PatientField> All = new PatientField[]
    {
        new("age", ExprType.Integer, (p, now) => Age(p.DateOfBirth, now)),
        new("date_of_birth", ExprType.Date, (p, _) => p.DateOfBirth),
        new("sex", new ExprType(TypeKind.Code) { Choice = SexChoice }, (p, _) => p.Sex is { } sex ? PatientContext.Code(sex) : null),
    }.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>Full years at the session's time; unknown without a date of birth, or with one after today.</summary>
    private static object? Age(DateOnly? born, DateTime now) =>
        born is { } b && Functions.AgeAt(b, DateOnly.FromDateTime(now)) is var years && years >= 0 ? years : null;

    public static string List => string.Join(", ", All.Keys.Order(StringComparer.Ordinal));

    private static ItemSymbol BuildSexChoice()
    {
        var options = PatientContext.SexCodes.Keys.Order(StringComparer.Ordinal)
            .Select(code => new OptionDefinition(code, code, SourceSpan.None)).ToArray();
        var definition = new ItemDefinition("sex", ItemType.Choice, SourceSpan.None) { Options = [.. options] };
        var owner = new QuestionnaireDefinition { Id = Name, Version = "1", Title = "The patient's context", Path = "", Span = SourceSpan.None };
        var symbol = new ItemSymbol(definition, Name + ".sex", "sex", null, new Namespace(Name + ".", owner))
        {
            OptionsByCode = options.ToFrozenDictionary(o => o.Code, StringComparer.Ordinal),
        };
        symbol.Type = new ExprType(TypeKind.Code) { Choice = symbol };
        return symbol;
    }
}

/// <summary>A field of the patient's context, read from the session: unknown (null) when the practice did not give it.</summary>
internal sealed class PatientFieldExpr(PatientField field) : Expr(field.Type)
{
    public PatientField Field { get; } = field;
    public override object? Eval(EvalContext c) => Field.Read(c.Patient, c.Now);
    public override string ToString() => PatientFields.Name + "." + Field.Name;
}
