namespace HistoryEngine.Tests.Security;

/// <summary>Inputs the property tests found; each once crashed the loader.</summary>
public sealed class FoundInputTests
{
    [Fact]
    public void YamlScannerFailure_OnStrayCharacters_IsASyntaxDiagnostic_NotACrash()
    {
        // Found by YamlLoader_OnGeneratedText_NeverThrows: YamlDotNet's scanner threw InvalidOperationException.
        const string text = "\ud835\udd4f[%  - name: v\n~'{{  - id: a\n{{  - id: r\n> @a?&a ]\ud835\udd4f    type: integer\n&a     options:\n\n    type: choice\ninclude: x.yaml\n\t,rules:\na]narrative: |\n      options:\n    level: urgent\n    when: ]aid: q\n~> [> null- @: [!!str values:\n    expr:     expr: ?NaN~@*a   - id: r\n";
        var loaded = QuestionnaireFile.Load("q.yaml", new Definitions.MemoryFiles([new("q.yaml", text)]));
        Assert.Null(loaded.Compiled);
        Assert.Contains(loaded.Diagnostics, d => d.Code == "HE1003");
    }

    [Theory]
    [InlineData("1.51e309")]
    [InlineData("99999999999999999999999999999999999")]
    public void HugeNumberLiteral_IsADiagnostic_NotACrash(string literal)
    {
        // Found by ExpressionParser_OnGeneratedExpressions: the literal overflowed decimal while binding.
        var yaml = $"id: q\nversion: 1.0.0\nitems:\n  - {{id: a, type: integer}}\nvalues:\n  - {{name: v, expr: \"a + {literal}\"}}\n";
        var loaded = QuestionnaireFile.Load("q.yaml", new Definitions.MemoryFiles([new("q.yaml", yaml)]));
        Assert.Contains(loaded.Diagnostics, d => d.Code == "HE1316");
    }
}
