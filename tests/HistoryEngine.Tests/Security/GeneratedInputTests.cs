using FsCheck;
using FsCheck.Fluent;
using HistoryEngine.Definitions;

namespace HistoryEngine.Tests.Security;

/// <summary>
/// Property tests: whatever text an author (or an attacker) puts in a questionnaire file, an expression or a
/// FHIR file, loading it gives a result with diagnostics: it never throws, overflows the stack or hangs.
/// </summary>
public sealed class GeneratedInputTests
{
    internal static readonly string[] YamlPieces =
    [
        "id: q\n", "version: 1.0.0\n", "items:\n", "  - id: a\n", "    type: integer\n", "    type: choice\n", "    options:\n",
        "      - {code: x}\n", "    enable_when: ", "    items:\n", "values:\n", "  - name: v\n", "    expr: ", "rules:\n",
        "  - id: r\n", "    when: ", "    level: urgent\n", "    source: s\n", "narrative: |\n  ", "include: x.yaml\n",
        ": ", "- ", "[", "]", "{", "}", "'", "\"", "\n", "  ", "&a ", "*a ", "| ", "> ", "# ", "!!str ", "?", ",", "%", "@",
        "\t", "\u202e", "\ud800", "𝕏", "{{", "}}", "a", "1e309", "-0", "NaN", "null", "~", "<script>",
    ];

    private static readonly string[] ExpressionPieces =
    [
        "a", "b", "readings", "systolic", "count", "any", "filter", "sum", "avg", "date", "today", "item", "score",
        "(", ")", ",", " ", "+", "-", "*", "/", "%", "==", "!=", "<", ">=", "&&", "||", "!", "??", "?", ":", ".", "|",
        "'x'", "\"y\"", "1", "1.5", "1e309", "true", "null", "and", "or", "[", "]", "{{", "}}", "$", "@", "\u202e",
    ];

    /// <summary>
    /// A fixed seed, so the suite (and CI) runs the same cases every time and a failure can be replayed; set
    /// HE_PROPERTY_SEED to explore other seeds by hand (the failing seed is printed).
    /// </summary>
    private static Config Settings(int tests)
    {
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("HE_PROPERTY_SEED"), out var s) ? s : 20261125UL;
        var replay = new Replay(new Rnd(seed), Microsoft.FSharp.Core.FSharpOption<int>.None);
        return Config.QuickThrowOnFailure.WithMaxTest(tests).WithReplay(Microsoft.FSharp.Core.FSharpOption<Replay>.Some(replay));
    }

    private static Gen<string> Soup(string[] pieces, int max) =>
        Gen.Choose(0, max).SelectMany(n => Gen.ArrayOf(Gen.Elements(pieces), n)).Select(parts => string.Concat(parts));

    private static QuestionnaireFile LoadWithin(string yaml, params (string Path, string Text)[] others)
    {
        var files = new MemoryFiles(new[] { (Path: "q.yaml", Text: yaml) }.Concat(others).Select(f => new KeyValuePair<string, string>(f.Path, f.Text)));
        // A liveness guard, not a speed test: a hang fails here instead of stalling the suite.
        var load = Task.Run(() => QuestionnaireFile.Load("q.yaml", files));
        Assert.True(load.Wait(TimeSpan.FromSeconds(30)), "loading did not finish: " + yaml);
        return load.Result;
    }

    [Fact]
    public void YamlLoader_OnGeneratedText_NeverThrows() =>
        Prop.ForAll(Soup(YamlPieces, 60).ToArbitrary(), text =>
        {
            var loaded = LoadWithin(text);
            return loaded.Compiled is not null || loaded.Diagnostics.Any(d => d.IsError);
        }).Check(Settings(1000));

    [Fact]
    public void YamlLoader_OnArbitraryUnicode_NeverThrows() =>
        Prop.ForAll<string>(text =>
        {
            var loaded = LoadWithin(text ?? "");
            return loaded.Compiled is not null || loaded.Diagnostics.Any(d => d.IsError);
        }).Check(Settings(500));

    [Fact]
    public void ExpressionParser_OnGeneratedExpressions_GivesAResultOrDiagnostics() =>
        Prop.ForAll(Soup(ExpressionPieces, 40).ToArbitrary(), expression =>
        {
            var yaml = $$"""
                id: q
                version: 1.0.0
                items:
                  - {id: a, type: integer}
                  - {id: b, type: boolean}
                  - id: readings
                    type: group
                    repeats: true
                    items:
                      - {id: systolic, type: integer}
                values:
                  - name: v
                    expr: {{System.Text.Json.JsonSerializer.Serialize(expression)}}
                narrative: {{System.Text.Json.JsonSerializer.Serialize("{{ " + expression + " }}")}}
                """;
            var loaded = LoadWithin(yaml);
            if (loaded.Compiled is null) return loaded.Diagnostics.Any(d => d.IsError);
            // What compiles must also evaluate without throwing, answered or not.
            var session = loaded.Compiled.CreateSession();
            session.SetAnswer("a", 5);
            session.SetAnswer("readings[0].systolic", 190);
            _ = session.Result();
            return true;
        }).Check(Settings(1000));

    /// <summary>The project's own FHIR questionnaires and responses, which the FHIR tests use (always present).</summary>
    private static readonly string Fixtures = Path.Combine(Shipped.ShippedQuestionnaireTests.Folder, "..", "tests", "HistoryEngine.Fhir.Tests", "Fixtures");

    /// <summary>The external corpus beside the clone, where there is one (CI has it).</summary>
    private static readonly string Corpus = Path.Combine(Shipped.ShippedQuestionnaireTests.Folder, "..", "..", "shared", "corpus", "fhir-questionnaires");

    [Fact]
    public void FhirImporter_OnMutatedFixtures_NeverThrows() => MutatedFhirFiles_NeverThrow(Fixtures);

    /// <summary>The same on the external corpus: skipped, never passed, on a clone without it.</summary>
    [SkippableFact]
    public void FhirImporter_OnMutatedCorpusFiles_NeverThrows()
    {
        Skip.IfNot(Directory.Exists(Corpus), "the external corpus (../shared/corpus/fhir-questionnaires) is not beside this clone");
        MutatedFhirFiles_NeverThrow(Corpus);
    }

    private static void MutatedFhirFiles_NeverThrow(string folder)
    {
        var texts = Directory.GetFiles(folder, "*.json").Select(File.ReadAllText).Where(t => t.Length < 60_000).ToArray();
        Assert.NotEmpty(texts);
        var mutated = Gen.Elements(texts).SelectMany(text =>
            Gen.Choose(0, text.Length - 1).SelectMany(start =>
                Gen.Choose(0, 200).SelectMany(length =>
                    Gen.Elements("", "{", "}", "[", "\"", ":", "null", "\"resourceType\": \"Patient\"", "1e309", "\"linkId\": \"x\"")
                        .Select(insert => text[..start] + insert + text[Math.Min(text.Length, start + length)..]))));
        Prop.ForAll(mutated.ToArbitrary(), json =>
        {
            var files = new MemoryFiles([new("q.json", json)]);
            var load = Task.Run(() => QuestionnaireFile.Load("q.json", files));
            Assert.True(load.Wait(TimeSpan.FromSeconds(30)), "loading did not finish");
            return load.Result.Compiled is not null || load.Result.Diagnostics.Any(d => d.IsError);
        }).Check(Settings(300));
    }
}
