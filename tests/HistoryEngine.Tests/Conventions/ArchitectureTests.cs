using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.Tests.Conventions;

/// <summary>Conventions that keep the architecture: the engine knows no web or storage, definitions are immutable, codes are unique, time is injected.</summary>
public class ArchitectureTests
{
    private static readonly Assembly Engine = typeof(QuestionnaireDefinition).Assembly;

    [Fact]
    public void Engine_ReferencesNeitherAspNetCoreNorLiteDb()
    {
        var names = Engine.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.NotEmpty(names);
        Assert.DoesNotContain(names, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(names, n => n.StartsWith("LiteDB", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(names, n => n.StartsWith("Microsoft.Extensions.Hosting", StringComparison.OrdinalIgnoreCase));
    }

    public static TheoryData<Type> DefinitionTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var t in Engine.GetTypes().Where(t => t.IsPublic && t.Namespace == "HistoryEngine.Definitions" && t.IsClass)) data.Add(t);
        return data;
    }

    [Fact]
    public void DefinitionTypes_AreFound() => Assert.True(DefinitionTypes().Count >= 8);

    [Theory]
    [MemberData(nameof(DefinitionTypes))]
    public void DefinitionType_IsImmutable(Type type)
    {
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var setter = p.SetMethod;
            if (setter is { IsPublic: true })
                Assert.True(setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)),
                    $"{type.Name}.{p.Name} has a public setter; use init");
            var t = p.PropertyType;
            var mutableCollection = t.IsArray || t.IsGenericType && t.GetGenericTypeDefinition() is var g
                && (g == typeof(List<>) || g == typeof(Dictionary<,>) || g == typeof(HashSet<>));
            Assert.False(mutableCollection, $"{type.Name}.{p.Name} is a mutable collection ({t.Name}); use an immutable one");
        }
        Assert.DoesNotContain(type.GetFields(BindingFlags.Public | BindingFlags.Instance), f => !f.IsInitOnly);
    }

    [Fact]
    public void DiagnosticCodes_AreUniqueAndWellFormed()
    {
        var descriptors = typeof(Codes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (f.Name, Descriptor: (DiagnosticDescriptor)f.GetValue(null)!)).ToList();
        Assert.True(descriptors.Count > 50);
        Assert.All(descriptors, d => Assert.Matches(@"^HE\d{4}$", d.Descriptor.Code));
        var duplicates = descriptors.GroupBy(d => d.Descriptor.Code).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Engine_NeverReadsTheSystemClockDirectly()
    {
        var root = TestFiles.GoldenSource("..");
        for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
        {
            var engine = Path.Combine(dir.FullName, "engine", "HistoryEngine.Engine");
            if (!Directory.Exists(engine)) continue;
            var offenders = Directory.EnumerateFiles(engine, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Where(f => Regex.IsMatch(File.ReadAllText(f), @"\bDateTime(Offset)?\.(Now|UtcNow|Today)\b|Environment\.TickCount"))
                .Select(Path.GetFileName);
            Assert.Empty(offenders);
            return;
        }
        Assert.Fail("cannot find engine/HistoryEngine.Engine from " + root);
    }
}

/// <summary>
/// The engine's folders keep one direction: the runtime and the expression language know no file format (YAML or
/// FHIR); the readers of those formats depend on them, never the other way round.
/// </summary>
public sealed class EngineDirectionTests
{
    private static string EngineSource() => Path.Combine(TestFiles.RepositoryRoot(), "engine", "HistoryEngine.Engine");

    /// <summary>Lines of code (comments left out) in a folder that name a namespace they must not use.</summary>
    public static IEnumerable<string> Uses(string folder, params string[] forbidden) =>
        from file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
        from line in File.ReadLines(file).Select((text, i) => (Text: text.Trim(), Number: i + 1))
        where !line.Text.StartsWith("//", StringComparison.Ordinal)
        from name in forbidden
        where line.Text.Contains(name, StringComparison.Ordinal)
        select $"{Path.GetFileName(file)}({line.Number}): {line.Text}";

    [Theory]
    [InlineData("Runtime")]
    [InlineData("Expressions")]
    [InlineData("Diagnostics")]
    public void TheFolder_UsesNeitherTheYamlNorTheFhirReaders(string folder)
    {
        var uses = Uses(Path.Combine(EngineSource(), folder), "HistoryEngine.Fhir", "Fhir.", "Definitions.Yaml", "Yaml.").ToList();
        Assert.True(uses.Count == 0, string.Join('\n', uses));
    }

    [Fact]
    public void TheCheck_FindsAUse_SoItCanFail()
    {
        Assert.NotEmpty(Uses(Path.Combine(EngineSource(), "Fhir"), "HistoryEngine.Fhir"));
    }
}
