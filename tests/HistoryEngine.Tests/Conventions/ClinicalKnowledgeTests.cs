using System.Text.RegularExpressions;
using HistoryEngine.Definitions;

namespace HistoryEngine.Tests.Conventions;

/// <summary>
/// Clinical knowledge lives in the questionnaire files: the site's code names no SNOMED CT or LOINC code (what is
/// filed under a code, its range, which codes are the home averages all come from the files).
/// </summary>
public sealed partial class ClinicalKnowledgeTests
{
    private static string Root() => TestFiles.RepositoryRoot();

    /// <summary>Every well-formed SNOMED CT concept id or LOINC code (right check digit) written in a text.</summary>
    public static IEnumerable<string> ClinicalCodes(string text)
    {
        foreach (Match m in Snomedish().Matches(text))
            if (CodeSystems.IsSnomedShape(m.Value) && CodeSystems.HasValidVerhoeff(m.Value)
                && CodeSystems.PartitionOf(m.Value, out _) == CodeSystems.SnomedPartition.Concept)
                yield return m.Value;
        foreach (Match m in Loincish().Matches(text))
            if (CodeSystems.HasValidLoincCheckDigit(m.Value)) yield return m.Value;
    }

    [Fact]
    public void TheFinder_FindsCodes_SoTheConventionCanFail()
    {
        Assert.Equal(["413606001", "44261-6"], ClinicalCodes("""private const string A = "413606001", B = "44261-6", C = "2026-03-01";"""));
    }

    [Fact]
    public void TheSitesCode_NamesNoSnomedOrLoincCode()
    {
        var web = Path.Combine(Root(), "web");
        var found = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => ClinicalCodes(File.ReadAllText(f)).Select(code => $"{Path.GetRelativePath(web, f)}: {code}"))
            .ToList();
        Assert.True(found.Count == 0, "codes written in the site's code (they belong in the questionnaire files):\n" + string.Join('\n', found));
    }

    [Fact]
    public void TheSitesFeatures_NeverTouchTheStoreEngine_OnlyTheStorePort()
    {
        // Page models and use cases write through IRecordStore / IRecordWriter; LiteDB is the Records adapter's alone,
        // so a second backend (PostgreSQL) changes no feature.
        var features = Path.Combine(Root(), "web", "Features");
        var found = Directory.EnumerateFiles(features, "*.cs*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("LiteDB", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(features, f)).ToList();
        Assert.True(found.Count == 0, "features that use LiteDB directly:\n" + string.Join('\n', found));
    }

    [Fact]
    public void EveryPartialAFeatureUses_IsItsOwnOrShared_NeverBorrowedFromAnotherFeature()
    {
        var features = Path.Combine(Root(), "web", "Features");
        var borrowed = new List<string>();
        foreach (var view in Directory.EnumerateFiles(features, "*.cshtml", SearchOption.AllDirectories))
            foreach (Match m in Partial().Matches(File.ReadAllText(view)))
            {
                var name = m.Groups[1].Value + ".cshtml";
                if (!File.Exists(Path.Combine(Path.GetDirectoryName(view)!, name)) && !File.Exists(Path.Combine(features, "Shared", name)))
                    borrowed.Add($"{Path.GetRelativePath(features, view)} uses {name}, which is neither beside it nor in Shared/");
            }
        Assert.True(borrowed.Count == 0, string.Join('\n', borrowed));
        Assert.DoesNotContain("ViewLocationFormats", File.ReadAllText(Path.Combine(Root(), "web", "Program.cs")), StringComparison.Ordinal);
    }

    [GeneratedRegex("<partial name=\"([^\"/]+)\"")]
    private static partial Regex Partial();

    // In quotes, as code literals are written: a plain number in the code (a port, a size) is not a code.
    [GeneratedRegex("""(?<=")\d{6,18}(?=")""")]
    private static partial Regex Snomedish();

    [GeneratedRegex("""(?<=")\d{1,7}-\d(?=")""")]
    private static partial Regex Loincish();
}
