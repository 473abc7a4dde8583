using HistoryEngine.Runtime;

namespace HistoryEngine.Web.Infrastructure.Questionnaires;

/// <summary>What became of one questionnaire file at start-up.</summary>
public enum CatalogOutcome
{
    /// <summary>Compiled and offered to patients.</summary>
    Offered,
    /// <summary>Compiled, but only meant for including in others.</summary>
    Module,
    /// <summary>Has errors (or repeats an id already offered): not offered.</summary>
    Failed,
}

/// <summary>One file found in the questionnaires folder: its path (relative to the folder), what became of it, and
/// the diagnostics as the authoring tool prints them, <c>file(line,col): error CODE: message</c>.</summary>
public sealed record CatalogFile(
    string RelativePath,
    CatalogOutcome Outcome,
    CompiledQuestionnaire? Compiled,
    IReadOnlyList<string> Diagnostics)
{
    public bool IsOffered => Outcome == CatalogOutcome.Offered;
}
