namespace HistoryEngine.Tests.Diagnostics;

/// <summary>
/// Each <c>Golden/Diagnostics/NAME.yaml</c> is a broken questionnaire; <c>NAME.expected</c> holds the exact lines
/// the loader and compiler print for it, with paths relative to the folder. Files under <c>modules/</c> are only
/// included by the cases. Run with HE_UPDATE_GOLDEN=1 to rewrite the expected files, then read the diff.
/// </summary>
public class GoldenDiagnosticsTests
{
    private const string Folder = "Diagnostics";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TestFiles.GoldenOutput(Folder), "*.yaml").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BrokenFile_ReportsExactlyTheExpectedDiagnostics(string name)
    {
        var actual = Run(name);
        var expectedPath = Path.Combine(TestFiles.GoldenOutput(Folder), name + ".expected");
        if (TestFiles.UpdateGolden)
        {
            File.WriteAllText(Path.Combine(TestFiles.GoldenSource(Folder), name + ".expected"), actual);
            return;
        }
        Assert.True(File.Exists(expectedPath), $"{name}.expected is missing; run with HE_UPDATE_GOLDEN=1 to create it. Actual:\n{actual}");
        var expected = File.ReadAllText(expectedPath).ReplaceLineEndings("\n");
        Assert.True(expected == actual, $"diagnostics for {name}.yaml differ.\nExpected:\n{expected}\nActual:\n{actual}");
    }

    [Fact]
    public void GoldenCases_EachExpectsAtLeastOneErrorOrWarning()
    {
        foreach (var file in Directory.EnumerateFiles(TestFiles.GoldenOutput(Folder), "*.expected"))
            Assert.Matches(": (error|warning) HE", File.ReadAllText(file));
    }

    [Fact]
    public void GoldenCases_CoverAtLeastThirtyDistinctCodes()
    {
        var codes = Directory.EnumerateFiles(TestFiles.GoldenOutput(Folder), "*.expected")
            .SelectMany(File.ReadAllLines)
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"error (HE\d{4})").Groups[1].Value)
            .Where(c => c.Length > 0).ToHashSet();
        Assert.True(codes.Count >= 30, $"only {codes.Count} distinct codes: {string.Join(", ", codes.Order())}");
    }

    private static string Run(string name)
    {
        var folder = TestFiles.GoldenOutput(Folder);
        var file = QuestionnaireFile.Load(Path.Combine(folder, name + ".yaml"));
        var prefix = folder + Path.DirectorySeparatorChar;
        var lines = file.Diagnostics.Select(d => d.ToString().Replace(prefix, "", StringComparison.Ordinal));
        return string.Join("\n", lines) + "\n";
    }
}
