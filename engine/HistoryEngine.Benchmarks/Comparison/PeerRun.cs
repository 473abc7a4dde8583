using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HistoryEngine.Runtime;
using static HistoryEngine.Benchmarks.QuestionnaireGenerator;

namespace HistoryEngine.Benchmarks.Comparison;

/// <summary>
/// HistoryEngine against its peers on the same generated workloads (run by peers/run-peers.sh, which bench.sh calls):
/// <list type="number">
/// <item><c>--peers-prepare DIR SIZES</c> writes, per size, the questionnaire as YAML, as a SurveyJS survey, the answer
/// sequence and which steps are measured;</item>
/// <item><c>--peers-dotnet DIR</c> runs HistoryEngine and the Firely FHIRPath peer on them;</item>
/// <item>survey-core runs in Node (peers/surveyjs/run.js);</item>
/// <item><c>--peers-report DIR</c> checks that all three agree on what is shown and on the values after every measured
/// step, then prints the per-step medians and the ratios.</item>
/// </list>
/// A step is one answer and everything worked out from it. Measured steps: 20 spread evenly over the answer sequence
/// (each after the earlier answers were loaded, unmeasured), then four named steps on the full session.
/// </summary>
public static class PeerRun
{
    public const int Spread = 20;
    /// <summary>Steps spread over the sequence: 20, and 5 above 2,000 items, where one survey-core step takes seconds.</summary>
    public static int SpreadFor(int size) => size > 2000 ? 5 : Spread;
    /// <summary>
    /// Above this size the Firely peer measures only the named Leaf step: one evaluation of every expression takes
    /// about a minute at 20,000 items, and each measured step needs two (loading, then the step).
    /// </summary>
    public const int FirelyAllStepsUpTo = 2000;
    /// <summary>HistoryEngine runs the whole sequence this many times (fresh sessions); a step's time is its median.</summary>
    public const int EngineRuns = 5;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static (string Label, Answer Answer)[] NamedSteps(Model m) =>
    [
        ("Leaf", new Answer(Leaf, "second")),
        ("AddReading", new Answer($"{m.Groups[0].Id}[{InstancesPerGroup}].{m.Groups[0].Systolic}", 150, m.Groups[0].Id, InstancesPerGroup, m.Groups[0].Systolic)),
        ("FanOutHub", new Answer(Hub, 2)),
        ("ChainHead", new Answer(ChainHead, 0)),
    ];

    // ---- prepare ------------------------------------------------------------------------------------------------

    public static int Prepare(string dir, IEnumerable<int> sizes)
    {
        foreach (var size in sizes)
        {
            var m = Build(new Shape(size));
            var folder = Path.Combine(dir, size.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "generated.yaml"), ToYaml(m));
            File.WriteAllText(Path.Combine(folder, "survey.json"), PeerFormats.SurveyJs(m));
            var answers = Answers(m);
            var named = NamedSteps(m);
            var all = answers.Concat(named.Select(n => n.Answer)).ToList();
            var spread = SpreadFor(size);
            var measured = Enumerable.Range(0, spread).Select(j => (int)Math.Round(j * (answers.Count - 1.0) / (spread - 1))).Distinct()
                .Concat(Enumerable.Range(answers.Count, named.Length)).ToList();
            var labels = measured.Select(i => i < answers.Count ? $"#{i}" : named[i - answers.Count].Label).ToList();
            var json = new JsonObject
            {
                ["size"] = size,
                ["sequence"] = answers.Count,
                ["measured"] = new JsonArray([.. measured.Select(i => (JsonNode)i)]),
                ["labels"] = new JsonArray([.. labels.Select(l => (JsonNode)l)]),
                ["answers"] = new JsonArray([.. all.Select(a => (JsonNode)new JsonObject
                {
                    ["path"] = a.Path, ["value"] = JsonValue(a.Value), ["group"] = a.Group, ["instance"] = a.Instance, ["field"] = a.Field,
                })]),
                ["values"] = new JsonArray([.. m.Values.Select(v => (JsonNode)v.Name)]),
            };
            File.WriteAllText(Path.Combine(folder, "workload.json"), json.ToJsonString());
            Console.WriteLine($"peers: {size} items: {answers.Count} answers in the sequence, {measured.Count} measured steps, " +
                $"{m.Conditions} conditions, {m.Values.Count} values, {m.Groups.Count} repeating group(s) of {InstancesPerGroup}");
        }
        return 0;
    }

    private static JsonNode? JsonValue(object v) => v switch
    {
        int i => i,
        decimal d => d,
        bool b => b,
        string s => s,
        _ => throw new ArgumentException(v.ToString()),
    };

    // ---- run HistoryEngine and Firely ---------------------------------------------------------------------------

    private sealed record Workload(int Size, int Sequence, List<int> Measured, List<string> Labels, List<Answer> Answers, Model Model);

    private static Workload Read(string folder)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "workload.json")))!;
        var size = (int)json["size"]!;
        var m = Build(new Shape(size));
        var all = Answers(m).Concat(NamedSteps(m).Select(n => n.Answer)).ToList();
        if (all.Count != json["answers"]!.AsArray().Count) throw new InvalidOperationException($"{folder}: the workload does not match the generator");
        return new Workload(size, (int)json["sequence"]!, [.. json["measured"]!.AsArray().Select(n => (int)n!)],
            [.. json["labels"]!.AsArray().Select(n => (string)n!)], all, m);
    }

    private static IEnumerable<string> Folders(string dir) =>
        Directory.GetDirectories(dir).Where(d => File.Exists(Path.Combine(d, "workload.json")))
            .OrderBy(d => int.Parse(Path.GetFileName(d), CultureInfo.InvariantCulture));

    public static int RunDotnet(string dir, int firelyCompleteRunUpTo, bool firely = true)
    {
        foreach (var folder in Folders(dir))
        {
            var w = Read(folder);
            RunEngine(folder, w);
            if (firely) RunFirely(folder, w, completeRun: w.Size <= firelyCompleteRunUpTo);
        }
        return 0;
    }

    private static void RunEngine(string folder, Workload w)
    {
        var clock = Stopwatch.StartNew();
        var compiled = LoadClean(Path.Combine(folder, "generated.yaml")).Compiled!;
        var compileMs = clock.Elapsed.TotalMilliseconds;
        var times = new double[w.Answers.Count][];
        for (var i = 0; i < times.Length; i++) times[i] = new double[EngineRuns];
        var runs = new List<double>();
        JsonArray checks = [];
        // One unmeasured run first, so the code is compiled and tiered up.
        for (var run = -1; run < EngineRuns; run++)
        {
            var session = compiled.CreateSession(Sessions.Clock);
            var measured = new HashSet<int>(w.Measured);
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < w.Answers.Count; i++)
            {
                var a = w.Answers[i];
                var t0 = Stopwatch.GetTimestamp();
                session.SetAnswer(a.Path, a.Value);
                var t1 = Stopwatch.GetTimestamp();
                if (run >= 0) times[i][run] = Stopwatch.GetElapsedTime(t0, t1).TotalMicroseconds;
                if (i == w.Sequence - 1 && run >= 0) runs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (run == 0 && measured.Contains(i))
                {
                    // The state is read outside the measured time (after the run's time was taken at the sequence's end).
                    var pause = Stopwatch.GetTimestamp();
                    checks.Add(State(i, w, EngineHidden(session, w.Model), session.CalculatedValues.ToDictionary(p => p.Key, p => p.Value)));
                    start += Stopwatch.GetTimestamp() - pause;
                }
            }
            if (session.Errors.Count > 0) throw new InvalidOperationException("HistoryEngine: the answer sequence left errors: " + string.Join("; ", session.Errors.Take(5)));
        }
        var medians = times.Select(Median).ToArray();
        for (var j = 0; j < checks.Count; j++) checks[j]!["us"] = medians[w.Measured[j]];
        Write(folder, "historyengine", w, checks, new JsonObject
        {
            ["compileMs"] = compileMs,
            ["completeRunMs"] = Median([.. runs]),
            ["allStepsMedianUs"] = Median(medians[..w.Sequence]),
            ["allStepsMaxUs"] = medians[..w.Sequence].Max(),
        });
        Console.WriteLine($"peers: HistoryEngine, {w.Size} items: complete run {Median([.. runs]):F2} ms (median of {EngineRuns}), " +
            $"step median {Median(medians[..w.Sequence]):F2} µs over all {w.Sequence} steps");
    }

    private static List<string> EngineHidden(Session s, Model m)
    {
        var hidden = new List<string>();
        foreach (var g in m.Groups)
            for (var k = 0; k < s.InstanceCount(g.Id); k++)
                foreach (var f in new[] { g.Taken, g.Systolic, g.Diastolic, g.Notes })
                    if (!s.IsEnabledAt($"{g.Id}[{k}].{f}")) hidden.Add($"{g.Id}[{k}].{f}");
        foreach (var q in m.Questions) if (!s.IsEnabledAt(q.Id)) hidden.Add(q.Id);
        return hidden;
    }

    private static void RunFirely(string folder, Workload w, bool completeRun)
    {
        var clock = Stopwatch.StartNew();
        var peer = new FirelyPeer(w.Model);
        var setupMs = clock.Elapsed.TotalMilliseconds;
        double? completeMs = null, allMedian = null;
        if (completeRun)
        {
            var all = new List<double>();
            var start = Stopwatch.GetTimestamp();
            foreach (var a in w.Answers.Take(w.Sequence))
            {
                var t0 = Stopwatch.GetTimestamp();
                peer.Step(a);
                all.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
            }
            completeMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            allMedian = Median([.. all]);
            peer = new FirelyPeer(w.Model);
        }
        JsonArray checks = [];
        var next = 0;
        var steps = w.Size <= FirelyAllStepsUpTo ? w.Measured : [w.Measured[w.Labels.IndexOf("Leaf")]];
        foreach (var i in steps)
        {
            // Load the answers before the measured step without evaluating after each, then evaluate once: unmeasured.
            if (next < i)
            {
                for (; next < i; next++) peer.Store(w.Answers[next]);
                peer.Evaluate();
            }
            var t0 = Stopwatch.GetTimestamp();
            peer.Step(w.Answers[i]);
            var us = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
            next = i + 1;
            var check = State(i, w, peer.Hidden(), peer.Values);
            check["us"] = us;
            checks.Add(check);
        }
        Write(folder, "firely", w, checks, new JsonObject { ["setupMs"] = setupMs, ["completeRunMs"] = completeMs, ["allStepsMedianUs"] = allMedian });
        var measured = checks.Where(c => c!["label"]!.ToString().StartsWith('#')).Select(c => (double)c!["us"]!).ToArray();
        Console.WriteLine($"peers: Firely FHIRPath, {w.Size} items: " + (completeMs is { } ms ? $"complete run {ms:F0} ms, " : "") +
            $"step median {Median(measured):F0} µs over {measured.Length} spread steps");
    }

    private static JsonObject State(int step, Workload w, List<string> hidden, IReadOnlyDictionary<string, object?> values)
    {
        var v = new JsonObject();
        foreach (var name in w.Model.Values.Select(x => x.Name))
            v[name] = values.GetValueOrDefault(name) switch
            {
                null => null,
                bool b => b,
                decimal d => (double)d,
                int i => i,
                long l => l,
                var other => throw new InvalidOperationException($"{name}: {other.GetType()}"),
            };
        hidden.Sort(StringComparer.Ordinal);
        return new JsonObject
        {
            ["step"] = step,
            ["label"] = w.Labels[w.Measured.IndexOf(step)],
            ["hidden"] = new JsonArray([.. hidden.Select(h => (JsonNode)h)]),
            ["values"] = v,
        };
    }

    private static void Write(string folder, string engine, Workload w, JsonArray checks, JsonObject extra)
    {
        extra["engine"] = engine;
        extra["size"] = w.Size;
        extra["checks"] = checks;
        File.WriteAllText(Path.Combine(folder, engine + ".json"), extra.ToJsonString(Indented));
    }

    public static double Median(double[] xs)
    {
        if (xs.Length == 0) return double.NaN;
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    // ---- report -------------------------------------------------------------------------------------------------

    public static int Report(string dir)
    {
        var failed = false;
        var rows = new List<string>();
        var named = new List<string>();
        var runs = new List<string>();
        foreach (var folder in Folders(dir))
        {
            var size = int.Parse(Path.GetFileName(folder), CultureInfo.InvariantCulture);
            var engines = new[] { "historyengine", "firely", "surveyjs" }
                .ToDictionary(e => e, e => File.Exists(Path.Combine(folder, e + ".json")) ? JsonNode.Parse(File.ReadAllText(Path.Combine(folder, e + ".json"))) : null);
            var he = engines["historyengine"] ?? throw new InvalidOperationException($"{folder}: no HistoryEngine results");
            var heChecks = he["checks"]!.AsArray();
            foreach (var peer in new[] { "firely", "surveyjs" })
            {
                if (engines[peer] is not { } p)
                {
                    Console.WriteLine($"cross-check {size} items: {Name(peer)} was not run at this size");
                    if (peer == "surveyjs") failed = true;
                    continue;
                }
                var pc = p["checks"]!.AsArray();
                var differences = new List<string>();
                var compared = heChecks.Where(h => pc.Any(c => (string)c!["label"]! == (string)h!["label"]!)).ToList();
                foreach (var h in compared)
                    differences.AddRange(Compare(h!, pc.First(c => (string)c!["label"]! == (string)h!["label"]!)!).Select(d => $"step {h!["label"]}: {d}"));
                var hiddenTotal = compared.Sum(c => c!["hidden"]!.AsArray().Count);
                if (compared.Count == 0) { differences.Add("no step in common"); }
                Console.WriteLine(differences.Count == 0
                    ? $"cross-check {size} items, HistoryEngine = {Name(peer)}: agree after all {compared.Count} steps it measured " +
                      $"({hiddenTotal} hidden questions and {compared.Count * he["checks"]![0]!["values"]!.AsObject().Count} values compared)"
                    : $"cross-check {size} items, HistoryEngine vs {Name(peer)}: {differences.Count} DIFFERENCES, first: " + string.Join("; ", differences.Take(5)));
                if (differences.Count > 0) failed = true;
            }
            double[] SpreadSteps(JsonNode? e) => e is null ? [] : [.. e["checks"]!.AsArray().Where(c => c!["label"]!.ToString().StartsWith('#')).Select(c => (double)c!["us"]!)];
            double Step(JsonNode? e, string label) => e?["checks"]!.AsArray().FirstOrDefault(c => (string)c!["label"]! == label)?["us"] is { } n ? (double)n : double.NaN;
            var heMedian = Median(SpreadSteps(he));
            var f = Median(SpreadSteps(engines["firely"]));
            var s = Median(SpreadSteps(engines["surveyjs"]));
            rows.Add($"| {size:N0} | {Us(heMedian)} | {Us(f)} | {Us(s)} | {Ratio(f, heMedian)} | {Ratio(s, heMedian)} |");
            foreach (var label in new[] { "Leaf", "AddReading", "FanOutHub", "ChainHead" })
            {
                var a = Step(he, label); var b = Step(engines["firely"], label); var c = Step(engines["surveyjs"], label);
                named.Add($"| {size:N0} | {label} | {Us(a)} | {Us(b)} | {Us(c)} | {Ratio(b, a)} | {Ratio(c, a)} |");
            }
            double? Complete(JsonNode? e) => e?["completeRunMs"] is JsonValue v && v.TryGetValue<double>(out var x) ? x : null;
            double? AllMedian(JsonNode? e) => e?["allStepsMedianUs"] is JsonValue v && v.TryGetValue<double>(out var x) ? x : null;
            runs.Add($"| {size:N0} | {(int)heChecks.Count} | {Ms(Complete(he))} | {Ms(Complete(engines["firely"]))} | {Ms(Complete(engines["surveyjs"]))} | " +
                $"{Us(AllMedian(he) ?? double.NaN)} | {Us(AllMedian(engines["firely"]) ?? double.NaN)} | {Us(AllMedian(engines["surveyjs"]) ?? double.NaN)} |");
        }
        Console.WriteLine();
        Console.WriteLine($"Per step: median of the steps spread over the answer sequence ({Spread}; {SpreadFor(20000)} above 2,000 items) (µs); ratio = peer / HistoryEngine");
        Console.WriteLine();
        Console.WriteLine("| items | HistoryEngine | Firely FHIRPath | survey-core | Firely / HE | survey-core / HE |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine("Named steps on the full session (µs; HistoryEngine: median of 5 runs, peers: one measurement each)");
        Console.WriteLine();
        Console.WriteLine("| items | step | HistoryEngine | Firely FHIRPath | survey-core | Firely / HE | survey-core / HE |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|");
        named.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine("Complete run (every answer in order; ms) and the median over all its steps (µs); blank: not run at that size");
        Console.WriteLine();
        Console.WriteLine("| items | checked states | HE run | Firely run | survey-core run | HE step | Firely step | survey-core step |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        runs.ForEach(Console.WriteLine);
        if (failed) Console.WriteLine("peers: the cross-check FAILED: the timings above are not comparable");
        return failed ? 1 : 0;
    }

    private static string Name(string peer) => peer == "firely" ? "Firely FHIRPath" : "survey-core";

    private static IEnumerable<string> Compare(JsonNode a, JsonNode b)
    {
        var ha = a["hidden"]!.AsArray().Select(x => (string)x!).ToHashSet();
        var hb = b["hidden"]!.AsArray().Select(x => (string)x!).ToHashSet();
        foreach (var x in ha.Except(hb).Take(3)) yield return $"{x} hidden only in HistoryEngine";
        foreach (var x in hb.Except(ha).Take(3)) yield return $"{x} hidden only in the peer";
        foreach (var (name, va) in a["values"]!.AsObject())
        {
            var vb = b["values"]![name];
            if (!SameValue(va, vb)) yield return $"{name} = {va?.ToJsonString() ?? "null"} vs {vb?.ToJsonString() ?? "null"}";
        }
    }

    private static bool SameValue(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null) return a is null && b is null;
        var ka = a.GetValueKind();
        if (ka != b.GetValueKind() && !(ka is JsonValueKind.True or JsonValueKind.False && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False)) return false;
        if (ka == JsonValueKind.Number)
        {
            var x = (double)a; var y = (double)b;
            return Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x));
        }
        return a.ToJsonString() == b.ToJsonString();
    }

    private static string Us(double us) => double.IsNaN(us) ? "" : us switch
    {
        < 10 => us.ToString("0.00", CultureInfo.InvariantCulture),
        < 1000 => us.ToString("0.0", CultureInfo.InvariantCulture),
        _ => us.ToString("N0", CultureInfo.InvariantCulture),
    };

    private static string Ms(double? ms) => ms is not { } x ? "" : x < 100 ? x.ToString("0.00", CultureInfo.InvariantCulture) : x.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ratio(double peer, double he) => double.IsNaN(peer) || double.IsNaN(he) ? "" : (peer / he) switch
    {
        < 10 => (peer / he).ToString("0.0", CultureInfo.InvariantCulture) + "x",
        var r => r.ToString("N0", CultureInfo.InvariantCulture) + "x",
    };
}
