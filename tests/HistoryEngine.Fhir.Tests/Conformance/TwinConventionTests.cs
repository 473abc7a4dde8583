using System.Reflection;

namespace HistoryEngine.Fhir.Tests.Conformance;

/// <summary>
/// Every test of the external corpus is skippable (reported as skipped, never passed, where the corpus is absent)
/// and has a twin on the project's own fixtures, so a clone without <c>../shared</c> still checks each construct.
/// </summary>
public sealed class TwinConventionTests
{
    private static readonly MethodInfo[] Tests = [.. typeof(TwinConventionTests).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Where(m => m.GetCustomAttributes<FactAttribute>().Any())];

    private static readonly MethodInfo[] CorpusTests = [.. Tests.Where(m => m.DeclaringType!.Namespace == typeof(Corpus.CorpusQuestionnaireTests).Namespace)];

    [Fact]
    public void CorpusTests_AreSkippable()
    {
        Assert.NotEmpty(CorpusTests);
        var plain = CorpusTests.Where(m => m.GetCustomAttribute<SkippableFactAttribute>() is null && m.GetCustomAttribute<SkippableTheoryAttribute>() is null);
        Assert.Empty(plain.Select(m => $"{m.DeclaringType!.Name}.{m.Name}"));
    }

    [Fact]
    public void EveryCorpusTest_HasATwinOnTheProjectsOwnFixtures()
    {
        var twins = Tests.SelectMany(m => m.GetCustomAttributes<TwinOfAttribute>().Select(t => (Twin: m, Of: $"{t.CorpusTests.Name}.{t.Method}"))).ToList();
        Assert.All(twins, t => Assert.DoesNotContain(".Corpus", t.Twin.DeclaringType!.Namespace, StringComparison.Ordinal));
        var named = twins.Select(t => t.Of).ToHashSet(StringComparer.Ordinal);
        var without = CorpusTests.Select(m => $"{m.DeclaringType!.Name}.{m.Name}").Where(n => !named.Contains(n)).ToList();
        Assert.True(without.Count == 0, "no twin: " + string.Join(", ", without));
        // A twin names a corpus test that exists.
        var existing = CorpusTests.Select(m => $"{m.DeclaringType!.Name}.{m.Name}").ToHashSet(StringComparer.Ordinal);
        var unknown = named.Where(n => !existing.Contains(n)).ToList();
        Assert.True(unknown.Count == 0, "a twin of nothing: " + string.Join(", ", unknown));
    }
}
