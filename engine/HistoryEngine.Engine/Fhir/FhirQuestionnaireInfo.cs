using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using HistoryEngine.Definitions;

namespace HistoryEngine.Fhir;

/// <summary>
/// A launch context a questionnaire asks for (SDC <c>launchContext</c>): its name (<c>patient</c>, <c>user</c>,
/// <c>encounter</c>...), the resource types it may be, and what it is for. The engine gives questionnaires none yet;
/// a patient context supplied by the site is meant to fill these by name (see docs/fhir.md).
/// </summary>
public sealed record FhirLaunchContext(string Name, ImmutableArray<string> Types, string? Description);

/// <summary>
/// What the FHIR reader knew about a whole Questionnaire beyond the definition model: its canonical url and version
/// as written (null when the file has none), its launch contexts and its questionnaire-level variables. Kept beside
/// the immutable definition, like <see cref="FhirItemInfo"/>.
/// </summary>
internal sealed class FhirQuestionnaireInfo
{
    private static readonly ConditionalWeakTable<QuestionnaireDefinition, FhirQuestionnaireInfo> Table = new();

    public string? Url { get; init; }
    public string? Version { get; init; }
    public ImmutableArray<FhirLaunchContext> LaunchContexts { get; init; } = [];
    public ImmutableArray<NamedExpression> Variables { get; init; } = [];
    /// <summary>True when the pages were made from itemControl <c>page</c> (export writes them back that way).</summary>
    public bool PagesFromItemControl { get; init; }
    /// <summary>The ids of the entries made from observationExtract (export writes the extension, not the entries).</summary>
    public ImmutableHashSet<string> ExtractedEntries { get; init; } = [];
    /// <summary>observationExtract on the Questionnaire itself, as written.</summary>
    public bool? ObservationExtract { get; init; }

    public static void Set(QuestionnaireDefinition definition, FhirQuestionnaireInfo info) => Table.AddOrUpdate(definition, info);

    public static FhirQuestionnaireInfo? Get(QuestionnaireDefinition definition) => Table.TryGetValue(definition, out var info) ? info : null;

    /// <summary>Keeps the information with a copy of the definition (the loader adds the files it read).</summary>
    public static void Carry(QuestionnaireDefinition from, QuestionnaireDefinition to)
    {
        if (Get(from) is { } info) Set(to, info);
    }
}
