using System.Diagnostics;
using HistoryEngine.Testing;

namespace HistoryEngine.LoadBenchmarks;

/// <summary>
/// The load test: a fresh small store, the site started as a process, then for each number of concurrent users a
/// fixed time of bp-check journeys and, straight after with the same users, the same time on a static file (the
/// ceiling). Sign-in is timed on its own, before each level's journeys, and left out of the page figures.
/// </summary>
internal static class SiteLoad
{
    public static async Task RunAsync(int[] levels, TimeSpan duration, TimeSpan staticDuration, TimeSpan warmUp, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("he-load-").FullName;
        try
        {
            var scale = new Scale(Patients: levels.Sum() + 8, Submissions: 2_000, ReadingsPerSubmission: 10);
            var store = Path.Combine(folder, "site.db");
            Seeder.EnsureSeeded(store, scale, Console.Error);
            var loadAtStart = Fmt.Load();
            await using var site = await SiteProcess.StartAsync(store, TimeSpan.FromSeconds(60));
            Console.Error.WriteLine($"site: pid {site.Pid} at {site.BaseUrl}");
            output.WriteLine($"Site: {SiteProcess.SiteDll}, Production, {site.BaseUrl}, store seeded with " +
                             $"{Fmt.N(scale.Patients)} patients and {Fmt.N(scale.Submissions)} diaries; " +
                             $"start-up (process start to first 200) {site.StartUp.TotalMilliseconds:0} ms (load {loadAtStart})");

            await LevelsAsync([site], i => (Seeder.UserName(i), Seeder.PatientId(i)), levels, duration, staticDuration, warmUp, output);
            output.WriteLine($"Peak RSS of the site process over the whole run (VmHWM): {Fmt.Mb(site.PeakRss())}; load average at the end: {Fmt.Load()}");
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The warm-up, then each level's sign-ins, journeys and static ceiling on these instances (users spread over
    /// them in turn); prints the journey and sign-in tables. <paramref name="patient"/> names the i-th seeded patient.</summary>
    internal static async Task<List<LevelResult>> LevelsAsync(IReadOnlyList<SiteServer> sites, Func<int, (string User, string Id)> patient,
        int[] levels, TimeSpan duration, TimeSpan staticDuration, TimeSpan warmUp, TextWriter output)
    {
        var results = new List<LevelResult>();
        var next = 0;
        // Users take turns over the instances (user k on sites[k % count]), as a round-robin load balancer would.
        List<LoadClient> Users(int n) => [.. Enumerable.Range(next, n).Select(i =>
            new LoadClient(sites[(i - next) % sites.Count].BaseUrl, patient(i).User, patient(i).Id))];
        string Rss() => string.Join(" + ", sites.Select(x => Fmt.Mb(x.PeakRss())));

        // Warm-up, not measured: JIT, Razor views, the questionnaires' first sessions.
        var warm = Users(4);
        next += 4;
        var ignored = new Measures();
        foreach (var each in await Task.WhenAll(warm.Select(async u => { var m = new Measures(); await u.SignInAsync(m); return m; })))
            ignored.Merge(each);
        var (warmed, _) = await Drive(warm, warmUp, (u, m, stop) => u.JourneyAsync(m, stop));
        await Drive(warm, TimeSpan.FromSeconds(1), (u, m, stop) => u.StaticAsync(m, stop));
        warm.ForEach(u => u.Dispose());
        if (ignored.Errors + warmed.Errors > 0)
            throw new InvalidOperationException("the warm-up failed: " + (ignored.FirstError ?? warmed.FirstError));
        Console.Error.WriteLine($"site: warmed up ({warmed.PagePost.Count} page posts); peak RSS {Rss()}");

        var journeyRows = new List<string>();
        var signInRows = new List<string>();
        foreach (var n in levels)
        {
            var users = Users(n);
            next += n;
            var signIn = new Measures();
            var loadSignIn = Fmt.Load();
            var signInTime = Stopwatch.StartNew();
            // Each user measures into its own Measures (their lists are not thread-safe), merged afterwards.
            foreach (var each in await Task.WhenAll(users.Select(async u => { var m = new Measures(); await u.SignInAsync(m); return m; })))
                signIn.Merge(each);
            signInRows.Add($"| {n} | {signIn.SignIn.Count} | {Fmt.Ms(signIn.SignIn.Percentile(50))} | {Fmt.Ms(signIn.SignIn.Percentile(99))} | " +
                           $"{signIn.SignIn.Count / signInTime.Elapsed.TotalSeconds:0.0} | {signIn.Errors} | {loadSignIn} |");

            var loadBefore = Fmt.Load1();
            var cpuStart = SiteCpu(sites);
            var (journeys, journeyTime) = await Drive(users, duration, (u, m, stop) => u.JourneyAsync(m, stop));
            var cpuJourneys = SiteCpu(sites);
            var (statics, staticTime) = await Drive(users, staticDuration, (u, m, stop) => u.StaticAsync(m, stop));
            var cpuStatics = SiteCpu(sites);
            var loadAfter = Fmt.Load1();
            users.ForEach(u => u.Dispose());

            var requests = journeys.PageGet.Count + journeys.PagePost.Count + journeys.Submit.Count;
            var rps = requests / journeyTime.TotalSeconds;
            var postRps = journeys.PagePost.Count / journeyTime.TotalSeconds;
            var staticRps = statics.Static.Count / staticTime.TotalSeconds;
            // The site's own CPU per request (user + system, all instances), which other work on the machine slows
            // but does not add to: the figure to compare runs by when the load average differs.
            var journeyCpu = (cpuJourneys - cpuStart).TotalMilliseconds / Math.Max(1, requests);
            var staticCpu = (cpuStatics - cpuJourneys).TotalMilliseconds / Math.Max(1, statics.Static.Count);
            journeyRows.Add($"| {n} | {journeys.Journeys} | {rps:0} | {postRps:0} | " +
                            $"{Fmt.Ms(journeys.PagePost.Percentile(50))} | {Fmt.Ms(journeys.PagePost.Percentile(99))} | " +
                            $"{Fmt.Ms(journeys.PageGet.Percentile(50))} | {Fmt.Ms(journeys.PageGet.Percentile(99))} | " +
                            $"{Fmt.Ms(journeys.Submit.Percentile(50))} | {Fmt.Ms(journeys.Submit.Percentile(99))} | " +
                            $"{staticRps:0} | {Fmt.Ms(statics.Static.Percentile(50))} | {Fmt.Ms(statics.Static.Percentile(99))} | " +
                            $"{rps / staticRps:P0} | {journeyCpu:0.000} | {staticCpu:0.000} | {staticCpu / journeyCpu:P0} | " +
                            $"{journeys.Errors + statics.Errors} | {Rss()} | {loadBefore} → {loadAfter} |");
            results.Add(new LevelResult(n, rps, staticRps, journeys.Errors + statics.Errors));
            Console.Error.WriteLine($"site: {n} users: {journeyRows[^1]}");
            if ((journeys.FirstError ?? statics.FirstError) is { } error)
            {
                Console.Error.WriteLine($"site: first error at {n} users: {error}");
                // What the site logged about it (an error's first lines), so that a 500 can be told apart from a refusal.
                foreach (var site in sites)
                    if (site.Output.Split('\n') is var lines && Array.FindIndex(lines, l => l.Contains("fail:", StringComparison.Ordinal)) is var at and >= 0)
                        Console.Error.WriteLine("site: its log: " + string.Join("\n  ", lines[at..Math.Min(lines.Length, at + 12)]));
            }
        }

        output.WriteLine();
        output.WriteLine($"Journeys (bp-check, closed loop, no think time) for {duration.TotalSeconds:0} s per level, then the static " +
                         $"file (/css/site.css) for {staticDuration.TotalSeconds:0} s with the same users. Times in ms. " +
                         "\"journey req/s\" counts every journey request (page GETs, page POSTs, the send POST); sign-in is not in it. " +
                         "\"CPU/req\": the site process's own CPU time (user + system, from /proc) per journey request and per static " +
                         "request, in ms; \"CPU static / journey\" their ratio, which the machine's other load does not move as it moves the req/s.");
        output.WriteLine();
        output.WriteLine("| users | journeys | journey req/s | page POST/s | POST p50 | POST p99 | GET p50 | GET p99 | send p50 | send p99 | static req/s | static p50 | static p99 | journey/static | journey CPU/req | static CPU/req | CPU static / journey | errors | peak RSS | load avg (1 min) |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        journeyRows.ForEach(output.WriteLine);
        output.WriteLine();
        output.WriteLine("Sign-in (GET the form, POST it: password hashing), all users of a level at once, before its journeys:");
        output.WriteLine();
        output.WriteLine("| concurrent sign-ins | sign-ins | p50 (ms) | p99 (ms) | sign-ins/s | errors | load avg (1/5/15 min) |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---|");
        signInRows.ForEach(output.WriteLine);
        output.WriteLine();
        return results;
    }

    /// <summary>The CPU time (user + system) the site processes have used so far, read from /proc/PID/stat.</summary>
    private static TimeSpan SiteCpu(IReadOnlyList<SiteServer> sites)
    {
        var ticks = 0L;
        foreach (var site in sites)
        {
            // Fields after the command name (which is in parentheses and may hold spaces): utime is the 14th field, stime the 15th.
            var stat = File.ReadAllText($"/proc/{site.Pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            ticks += long.Parse(fields[11]) + long.Parse(fields[12]);
        }
        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    /// <summary>The kernel's clock ticks per second (USER_HZ): 100 on Linux for x86 and ARM.</summary>
    private const int ClockTicksPerSecond = 100;

    /// <summary>Runs every user's loop until the time is up; returns what they measured and how long it took to
    /// stop (in-flight requests finish, so a little over the time asked for).</summary>
    internal static async Task<(Measures, TimeSpan)> Drive(List<LoadClient> users, TimeSpan time,
        Func<LoadClient, Measures, CancellationToken, Task> step)
    {
        using var stop = new CancellationTokenSource(time);
        var watch = Stopwatch.StartNew();
        var each = await Task.WhenAll(users.Select(async u =>
        {
            var m = new Measures();
            while (!stop.IsCancellationRequested)
            {
                try { await step(u, m, stop.Token); }
                catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
                catch (HttpRequestException e) { m.Errors++; m.FirstError ??= e.Message; }
            }
            return m;
        }));
        var elapsed = watch.Elapsed;
        var all = new Measures();
        foreach (var m in each)
            all.Merge(m);
        return (all, elapsed);
    }
}

/// <summary>One level's figures, for the summary lines after the tables.</summary>
internal sealed record LevelResult(int Users, double JourneyRps, double StaticRps, int Errors);
