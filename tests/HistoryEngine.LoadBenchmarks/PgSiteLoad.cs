using System.Diagnostics;
using HistoryEngine.Testing;
using Npgsql;

namespace HistoryEngine.LoadBenchmarks;

/// <summary>
/// The site load test on PostgreSQL, on the seeded database: the bp-check journeys and the static ceiling (as
/// <see cref="SiteLoad"/>) on one site instance, then on two instances on the same database (each started by the
/// <see cref="SiteServer"/> harness with its own HOME: they share data-protection keys only through the database), the
/// users taking turns over them. Then, with both instances under load, the first is killed (SIGKILL): its users move
/// to the second (same cookies, as behind a load balancer), and every submission the site acknowledged (the send POST
/// answered with the confirmation page) is looked for in the database.
/// </summary>
internal static class PgSiteLoad
{
    public static async Task<int> RunAsync(string connection, PgScale scale, int[] levels, TimeSpan duration, TimeSpan staticDuration,
        TimeSpan warmUp, int killUsers, TimeSpan killDuration, string? siteOptions, bool oneOnly, TextWriter output)
    {
        // The sites' connection string may carry extra Npgsql settings to compare (--site-options "Max Auto Prepare=64").
        var siteConnection = siteOptions is null ? connection : connection + ";" + siteOptions;
        // Each part signs in its own patients, spread over every practice: the i-th user of a part is patient
        // (first + i) * 997 mod N (997 is prime to N, so no two users are the same patient until the run numbers wrap
        // round). Each run takes patients no earlier run used (the database keeps a run count): a patient's pages list
        // their submissions, so patients who had sent hundreds of journeys in earlier runs would slow later runs down.
        var perPart = 4 + levels.Sum();
        var run = await NextRunAsync(connection);
        var runStart = run * (2 * perPart + killUsers);
        Func<int, (string User, string Id)> Part(int first) => i =>
        {
            var index = (int)((long)(runStart + first + i) * 997 % scale.Patients);
            return (Seeder.UserName(index), Seeder.PatientId(index));
        };
        var version = await PgStoreBench.ServerVersionAsync(connection);
        output.WriteLine($"Run {run} on this database (its users are patients no earlier run signed in as). " +
                         $"Database: PostgreSQL {version}, {scale.Database} ({scale.Practices} practices, {Fmt.N(scale.Patients)} patients, " +
                         $"{Fmt.N(scale.Submissions)} submissions before the run); site {SiteProcess.SiteDll}, Production, https on 127.0.0.1" +
                         (siteOptions is null ? "" : $"; the sites' connection string adds \"{siteOptions}\""));

        output.WriteLine();
        output.WriteLine("### One instance");
        output.WriteLine();
        List<LevelResult> one;
        var load = Fmt.Load();
        await using (var a = await StartAsync(siteConnection))
        {
            output.WriteLine($"Instance 1: start-up {a.StartUp.TotalMilliseconds:0} ms (load {load}), RSS after start {Fmt.Mb(a.Rss())}");
            one = await SiteLoad.LevelsAsync([a], Part(0), levels, duration, staticDuration, warmUp, output);
            output.WriteLine($"Peak RSS (VmHWM): {Fmt.Mb(a.PeakRss())}; load average at the end: {Fmt.Load()}");
        }
        if (oneOnly)
            return 0;

        output.WriteLine();
        output.WriteLine("### Two instances on the same database (users alternate between them)");
        output.WriteLine();
        load = Fmt.Load();
        await using var first = await StartAsync(siteConnection);
        await using var second = await StartAsync(siteConnection);
        output.WriteLine($"Instances 1 and 2: start-up {first.StartUp.TotalMilliseconds:0} and {second.StartUp.TotalMilliseconds:0} ms " +
                         $"(load {load}); RSS after start {Fmt.Mb(first.Rss())} and {Fmt.Mb(second.Rss())}");
        var two = await SiteLoad.LevelsAsync([first, second], Part(perPart), levels, duration, staticDuration, warmUp, output);
        output.WriteLine($"Peak RSS (VmHWM): instance 1 {Fmt.Mb(first.PeakRss())}, instance 2 {Fmt.Mb(second.PeakRss())}; load average at the end: {Fmt.Load()}");
        output.WriteLine();
        output.WriteLine("Second instance's cost (two instances against one, same users, same 2 cores):");
        output.WriteLine();
        output.WriteLine("| users | journey req/s, one → two | static req/s, one → two | journey/static, one → two |");
        output.WriteLine("|---:|---:|---:|---:|");
        foreach (var (x, y) in one.Zip(two))
            output.WriteLine($"| {x.Users} | {x.JourneyRps:0} → {y.JourneyRps:0} ({y.JourneyRps / x.JourneyRps - 1:+0%;-0%}) | " +
                             $"{x.StaticRps:0} → {y.StaticRps:0} ({y.StaticRps / x.StaticRps - 1:+0%;-0%}) | " +
                             $"{x.JourneyRps / x.StaticRps:P0} → {y.JourneyRps / y.StaticRps:P0} |");

        output.WriteLine();
        output.WriteLine("### Instance 1 killed (SIGKILL) under load");
        output.WriteLine();
        return await KillAsync(connection, first, second, Part(2 * perPart), killUsers, killDuration, output);
    }

    private static async Task<int> KillAsync(string connection, SiteServer first, SiteServer second, Func<int, (string User, string Id)> patient,
        int count, TimeSpan time, TextWriter output)
    {
        var users = Enumerable.Range(0, count)
            .Select(i => new LoadClient((i % 2 == 0 ? first : second).BaseUrl, patient(i).User, patient(i).Id)).ToList();
        var signIn = new Measures();
        foreach (var each in await Task.WhenAll(users.Select(async u => { var m = new Measures(); await u.SignInAsync(m); return m; })))
            signIn.Merge(each);
        if (signIn.Errors > 0)
            throw new InvalidOperationException("sign-in failed before the kill test: " + signIn.FirstError);
        var began = DateTimeOffset.UtcNow.AddSeconds(-1);
        var rssBefore = second.Rss();
        var killAt = time / 3;
        long killedAt = 0;
        var transport = 0;
        var moved = 0;
        var start = Stopwatch.GetTimestamp();
        var killer = Task.Run(async () =>
        {
            await Task.Delay(killAt);
            first.KillNow();
            killedAt = Stopwatch.GetTimestamp();
            Console.Error.WriteLine($"site: instance 1 (pid {first.Pid}) killed at {Stopwatch.GetElapsedTime(start).TotalSeconds:0.0} s");
        });
        var (m, elapsed) = await SiteLoad.Drive(users, time, async (u, measures, stop) =>
        {
            try
            {
                await u.JourneyAsync(measures, stop);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException && u.BaseUrl == first.BaseUrl)
            {
                // The instance went away in the middle of this user's request: a load balancer sends them to the other.
                Interlocked.Increment(ref transport);
                if (first.HasExited)
                {
                    u.MoveTo(second.BaseUrl);
                    Interlocked.Increment(ref moved);
                }
            }
        });
        await killer;
        var acknowledged = users.SelectMany(u => u.Acknowledged).Distinct().ToArray();
        var patients = users.Select(u => u.PatientId).ToArray();
        users.ForEach(u => u.Dispose());

        long found, stored;
        await using (var db = new NpgsqlConnection(connection))
        {
            await db.OpenAsync();
            await using (var command = new NpgsqlCommand("select count(*) from submissions where id = any($1)", db)
                             { Parameters = { new() { Value = acknowledged } } })
                found = (long)(await command.ExecuteScalarAsync())!;
            await using (var command = new NpgsqlCommand("select count(*) from submissions where patient_id = any($1) and submitted_at >= $2", db)
                             { Parameters = { new() { Value = patients }, new() { Value = began } } })
                stored = (long)(await command.ExecuteScalarAsync())!;
        }
        var beforeKill = m.Completed.Count(t => t < killedAt);
        var afterKill = m.Completed.Count - beforeKill;
        var killSeconds = (killedAt - start) / (double)Stopwatch.Frequency;
        var afterSeconds = elapsed.TotalSeconds - killSeconds;
        output.WriteLine($"{count} users (half on each instance), bp-check journeys for {time.TotalSeconds:0} s; instance 1 killed with SIGKILL " +
                         $"after {killSeconds:0.0} s. Load average at the end: {Fmt.Load()}.");
        output.WriteLine();
        output.WriteLine("| | value |");
        output.WriteLine("|---|---:|");
        output.WriteLine($"| journeys acknowledged per second, both instances (before the kill) | {beforeKill / killSeconds:0.0} |");
        output.WriteLine($"| journeys acknowledged per second, instance 2 alone (after the kill) | {afterKill / afterSeconds:0.0} |");
        output.WriteLine($"| requests cut off by the kill (connection refused or reset) | {transport} |");
        output.WriteLine($"| users moved to instance 2 | {moved} of {count / 2 + count % 2} |");
        output.WriteLine($"| other errors (a page not answered as expected) | {m.Errors} |");
        output.WriteLine($"| instance 2 still serving at the end | {(!second.HasExited && afterKill > 0 ? "yes" : "NO")} |");
        output.WriteLine($"| instance 2 RSS before → after | {Fmt.Mb(rssBefore)} → {Fmt.Mb(second.Rss())} |");
        output.WriteLine($"| submissions acknowledged (send answered with the confirmation) | {acknowledged.Length} |");
        output.WriteLine($"| of those, in the database | **{found}** |");
        output.WriteLine($"| submissions in the database from these patients since the start (acknowledged or cut off before the answer) | {stored} |");
        if (m.FirstError is { } error)
            output.WriteLine($"\nFirst other error: {error}");
        return found == acknowledged.Length && !second.HasExited && afterKill > 0 ? 0 : 1;
    }

    /// <summary>This run's number (0 for the first on this database).</summary>
    private static async Task<int> NextRunAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using (var create = new NpgsqlCommand("create table if not exists bench_site_runs (run integer primary key, at timestamptz not null default now())", db))
            await create.ExecuteNonQueryAsync();
        await using var next = new NpgsqlCommand(
            "insert into bench_site_runs (run) select coalesce(max(run) + 1, 0) from bench_site_runs returning run", db);
        return (int)(await next.ExecuteScalarAsync())!;
    }

    /// <summary>A site instance on the database, as the several-instances tests start one (its own HOME: keys only
    /// through the database).</summary>
    private static Task<SiteServer> StartAsync(string connection) => SiteServer.StartAsync(new SiteServerOptions
    {
        SiteDll = SiteProcess.SiteDll,
        WorkingDirectory = Path.Combine(Repo.Root, "web"),
        Environment = new Dictionary<string, string>
        {
            ["Store__Provider"] = "PostgreSql",
            ["ConnectionStrings__Records"] = connection,
            ["Questionnaires__Path"] = Path.Combine(Repo.Root, "questionnaires"),
        },
        ReadyPath = "/health/ready",
        Timeout = TimeSpan.FromSeconds(120),
        Poll = TimeSpan.FromMilliseconds(10),
        StopGracefully = true,
    });
}
