using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;
using HistoryEngine.Runtime;

namespace HistoryEngine.Expressions;

/// <summary>
/// An expression language other than the engine's own, such as FHIRPath in a FHIR questionnaire
/// (<see cref="ExpressionSource.Language"/>). The code that reads such files provides it; the compiler only asks it to
/// bind an expression, so the runtime does not depend on any one file format.
/// </summary>
internal interface IExpressionLanguage
{
    /// <summary>The media type an <see cref="ExpressionSource.Language"/> names it by (<c>text/fhirpath</c>).</summary>
    string Name { get; }

    /// <summary>Binds an expression expected to give <paramref name="type"/>; what it reads goes into the sets.</summary>
    Expr Bind(ExpressionSource source, ExprType type, ItemSymbol? owner, IReadOnlyList<ItemSymbol> items,
        DiagnosticBag diagnostics, HashSet<Symbol> reads, HashSet<ItemSymbol>? fieldReads = null);
}
