using System.Text;
using HistoryEngine.Runtime;

namespace HistoryEngine.Tests.Diagnostics;

/// <summary>Hostile or broken input gives a diagnostic or a bounded result, never a crash or a hang.</summary>
public class BadInputTests
{
    private const string Header = "id: q\nversion: 1.0.0\nitems:\n  - id: n\n    type: integer\n";

    [Fact]
    public void TenMegabyteFile_IsRefusedWithHE1002()
    {
        using var folder = new TempFolder();
        var path = folder.Write("huge.yaml", Header + "# " + new string('x', 10 * 1024 * 1024) + "\n");
        var file = QuestionnaireFile.Load(path);
        var d = Assert.Single(file.Diagnostics);
        Assert.Equal("HE1002", d.Code);
        Assert.Null(file.Compiled);
    }

    [Fact]
    public void TenThousandNestedLists_GiveHE1004WithoutAStackOverflow()
    {
        var yaml = Header + "values: " + new string('[', 10_000) + new string(']', 10_000) + "\n";
        Assert.Equal(["HE1004"], Questionnaires.Codes(yaml));
    }

    [Fact]
    public void ThousandsOfIndentedMappings_GiveHE1004WithoutAStackOverflow()
    {
        // Indentation grows with depth, so 1,500 levels is as deep as fits under the file size limit.
        var yaml = new StringBuilder(Header + "x:\n");
        for (var i = 1; i < 1_500; i++) yaml.Append(' ', i).Append("x:\n");
        Assert.Contains("HE1004", Questionnaires.Codes(yaml.ToString()));
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("-(", ")")]
    [InlineData("!(", ")")]
    [InlineData("abs(", ")")]
    public void ExpressionNestedTenThousandDeep_IsADiagnostic(string open, string close)
    {
        var expression = string.Concat(Enumerable.Repeat(open, 10_000)) + "n" + string.Concat(Enumerable.Repeat(close, 10_000));
        var codes = Questionnaires.Codes(Header + "values:\n  - name: deep\n    expr: \"" + expression + "\"\n");
        Assert.NotEmpty(codes);
        Assert.All(codes, c => Assert.StartsWith("HE13", c, StringComparison.Ordinal));
    }

    [Fact]
    public void ExpressionWithTenThousandTerms_IsADiagnostic()
    {
        var expression = string.Join(" + ", Enumerable.Repeat("n", 10_000));
        Assert.NotEmpty(Questionnaires.Codes(Header + "values:\n  - name: long\n    expr: " + expression + "\n"));
    }

    [Fact]
    public void TemplateProducingHugeOutput_IsCutOff()
    {
        var q = Questionnaires.Compile("""
            id: huge
            version: 1.0.0
            items:
              - id: rows
                type: group
                repeats: true
                items:
                  - id: v
                    type: integer
            narrative: "{{ for a in rows }}{{ for b in rows }}{{ for c in rows }}a long line of narrative text {{ c.v }}\n{{ end }}{{ end }}{{ end }}"
            """);
        var session = Questionnaires.Start(q);
        for (var i = 0; i < 200; i++) session.SetAnswer($"rows[{i}].v", i);
        var summary = session.Result().Summary;
        Assert.EndsWith("[cut off]", summary, StringComparison.Ordinal);
        Assert.True(summary.Length <= 65 * 1024, $"the summary is {summary.Length} characters");
    }

    [Fact]
    public void RulePatientTextProducingHugeOutput_IsCutOff()
    {
        var q = Questionnaires.Compile("""
            id: huge
            version: 1.0.0
            items:
              - id: rows
                type: group
                repeats: true
                items:
                  - id: v
                    type: integer
            rules:
              - id: many
                when: count(rows) > 0
                level: routine
                source: test
                patient: "{{ for a in rows }}{{ for b in rows }}Row {{ b.v }} of many. {{ end }}{{ end }}"
            """);
        var session = Questionnaires.Start(q);
        for (var i = 0; i < 300; i++) session.SetAnswer($"rows[{i}].v", i);
        Assert.EndsWith("[cut off]", Assert.Single(session.Result().Flags).Patient, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\t")]
    [InlineData("\0")]
    [InlineData("id: [unclosed")]
    [InlineData("\"unterminated")]
    [InlineData("- just\n- a list")]
    [InlineData("42")]
    [InlineData("---\n...\n")]
    [InlineData("id: q\nversion: 1.0.0\nitems: !!binary aGVsbG8=")]
    public void GarbageFile_IsDiagnosedNotThrown(string text)
    {
        var file = Questionnaires.Load(text);
        Assert.True(file.HasErrors);
        Assert.All(file.Diagnostics, d => Assert.Matches(@"^HE\d{4}$", d.Code));
    }

    [Fact]
    public void MissingFile_IsHE1001()
    {
        var file = QuestionnaireFile.Load(Path.Combine(Path.GetTempPath(), "no-such-file-" + Guid.NewGuid() + ".yaml"));
        Assert.Equal("HE1001", Assert.Single(file.Diagnostics).Code);
    }

    [Fact]
    public void HugeTextAnswer_IsKeptButTooLong()
    {
        var session = Questionnaires.Start(Questionnaires.Compile("id: t\nversion: 1.0.0\nitems:\n  - id: story\n    type: long_text\n"));
        session.SetAnswer("story", new string('x', 200_000));
        Assert.Equal("HE2004", Assert.Single(session.Result().Errors).Code);
    }
}
