using System.Reflection;
using System.Reflection.Emit;
using Microsoft.AspNetCore.Razor.Hosting;

namespace HistoryEngine.Web.Tests.Conventions;

/// <summary>
/// Features do not reach into each other's folders: the code and the views of a feature (web/Features/X) use no
/// other feature's types, only their own, those in Features/Shared, and the site's Infrastructure. What two features
/// share lives in Shared, which itself uses no feature. Read from the compiled site, method bodies included, so a
/// reference written as <c>Diary.DiaryQuestionnaire</c> (no using) is caught as well as one through a using.
/// </summary>
public sealed class FeatureBoundaryTests
{
    private const string FeaturesNamespace = "HistoryEngine.Web.Features.";
    private const string Shared = "Shared";
    private static readonly Assembly Site = typeof(Program).Assembly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    [Fact]
    public void EveryFeature_UsesOnlyItselfSharedAndInfrastructure()
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in Site.GetTypes())
        {
            if (FeatureOf(type) is not { } feature)
                continue;
            foreach (var used in References(type))
                if (FeatureOf(used) is { } other && other != feature && other != Shared)
                    found.Add($"{feature}: {Outermost(type).FullName} uses {other}'s {used.FullName}");
        }
        Assert.True(found.Count == 0, "features reaching into another feature (move what they share to Features/Shared):\n"
                                      + string.Join('\n', found));
    }

    [Fact]
    public void TheFinder_SeesCodeAndViewsAndMethodBodies_SoTheConventionCanFail()
    {
        // A page model's method body uses the shared chart; its view is the Diary feature's too.
        var diaryPage = Site.GetType("HistoryEngine.Web.Features.Diary.IndexModel", throwOnError: true)!;
        var chart = Site.GetType("HistoryEngine.Web.Features.Shared.HomeReadings.BpChart", throwOnError: true)!;
        Assert.Equal("Diary", FeatureOf(diaryPage));
        Assert.Equal(Shared, FeatureOf(chart));
        Assert.Contains(chart, References(diaryPage));
        // Named only inside an async method's body (its state machine): the clinician's words for the trend chart.
        var patientPage = Site.GetType("HistoryEngine.Web.Features.Clinician.PatientModel", throwOnError: true)!;
        Assert.Contains(Site.GetType("HistoryEngine.Web.Features.Shared.HomeReadings.BpChartWords", throwOnError: true)!, References(patientPage));
        var diaryView = Site.GetTypes().Single(t => ViewPath(t) == "/Features/Diary/Index.cshtml");
        Assert.Equal("Diary", FeatureOf(diaryView));
        Assert.Contains(diaryPage, References(diaryView));
        // Shared's own views count as Shared; the site's root page belongs to no feature.
        Assert.Equal(Shared, FeatureOf(Site.GetTypes().Single(t => ViewPath(t) == "/Features/Shared/_BpChart.cshtml")));
        Assert.Null(FeatureOf(Site.GetType("HistoryEngine.Web.Features.IndexModel", throwOnError: true)!));
    }

    /// <summary>The feature folder a type's code or view is in (web/Features/X), or null outside the features.</summary>
    private static string? FeatureOf(Type type)
    {
        var outer = Outermost(type);
        var path = ViewPath(outer);
        if (path is not null)
            return path.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["Features", var folder, _, ..] ? folder : null;
        return outer.Namespace is { } ns && ns.StartsWith(FeaturesNamespace, StringComparison.Ordinal)
            ? ns[FeaturesNamespace.Length..].Split('.')[0]
            : null;
    }

    /// <summary>The .cshtml file a compiled view came from, or null for code.</summary>
    private static string? ViewPath(Type type) =>
        type.GetCustomAttributes<RazorCompiledItemMetadataAttribute>().FirstOrDefault(a => a.Key == "Identifier")?.Value;

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
            type = outer;
        return type;
    }

    /// <summary>Every type a type's declaration and its members' signatures and bodies name.</summary>
    private static HashSet<Type> References(Type type)
    {
        var found = new HashSet<Type>();
        foreach (var t in Site.GetTypes().Where(t => Outermost(t) == Outermost(type)))
        {
            Add(found, t.BaseType);
            foreach (var i in t.GetInterfaces()) Add(found, i);
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var f in t.GetFields(all)) Add(found, f.FieldType);
            foreach (var p in t.GetProperties(all)) Add(found, p.PropertyType);
            foreach (var m in t.GetMethods(all).Cast<MethodBase>().Concat(t.GetConstructors(all)))
            {
                if (m is MethodInfo mi) Add(found, mi.ReturnType);
                foreach (var p in m.GetParameters()) Add(found, p.ParameterType);
                foreach (var used in BodyReferences(m)) Add(found, used);
            }
        }
        return found;
    }

    private static void Add(HashSet<Type> found, Type? type)
    {
        if (type is null || type.IsGenericParameter)
            return;
        if (type.HasElementType)
        {
            Add(found, type.GetElementType());
            return;
        }
        if (!found.Add(type))
            return;
        if (type.IsGenericType)
            foreach (var argument in type.GetGenericArguments())
                Add(found, argument);
    }

    /// <summary>The types named by the IL of a method body: those it creates, casts to, or whose members it calls.</summary>
    private static IEnumerable<Type> BodyReferences(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
            yield break;
        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            var op = OpCodesByValue[value];
            at += op.Size;
            if (op.OperandType is OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok)
            {
                MemberInfo? member = null;
                try { member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments); }
                catch (ArgumentException) { } // a token of a generic context this scan does not rebuild
                switch (member)
                {
                    case Type t: yield return t; break;
                    case FieldInfo f: yield return f.DeclaringType!; yield return f.FieldType; break;
                    case MethodBase m:
                        if (m.DeclaringType is { } owner) yield return owner;
                        if (m is MethodInfo { IsGenericMethod: true } g)
                            foreach (var a in g.GetGenericArguments()) yield return a;
                        break;
                }
            }
            at += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
                _ => 4,
            };
        }
    }
}
