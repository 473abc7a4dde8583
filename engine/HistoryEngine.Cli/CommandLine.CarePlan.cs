using System.Globalization;
using HistoryEngine.CarePlans;

namespace HistoryEngine.Cli;

internal static partial class CommandLine
{
    private const string CarePlanUsage = "usage: historyengine run PLAN.care-plan.yaml --record RECORD.json|yaml [--today 2026-06-01]";

    /// <summary>
    /// <c>run PLAN.care-plan.yaml --record RECORD</c>: the plan's state for one record, as JSON. The day is
    /// <c>--today</c>, else the record's <c>today</c>, else the system clock's date (UK).
    /// </summary>
    private static int RunCarePlan(string[] args, TextWriter output, TextWriter error)
    {
        string file = args[0];
        string? recordPath = null, todayText = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--record" when i + 1 < args.Length: recordPath = args[++i]; break;
                case "--today" when i + 1 < args.Length: todayText = args[++i]; break;
                case var a when a.StartsWith("--", StringComparison.Ordinal):
                    return Fail(error, $"historyengine run: unknown or incomplete option '{a}' for a care plan; {CarePlanUsage}");
                default: return Fail(error, $"historyengine run: unexpected argument '{args[i]}'; {CarePlanUsage}");
            }
        }
        if (recordPath is null) return Fail(error, CarePlanUsage);
        if (!File.Exists(file)) return Fail(error, $"historyengine run: '{file}' does not exist");
        if (!File.Exists(recordPath)) return Fail(error, $"historyengine run: '{recordPath}' does not exist");
        DateOnly? today = null;
        if (todayText is not null)
        {
            if (!DateOnly.TryParseExact(todayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                return Fail(error, $"historyengine run: --today: error HE3007: '{todayText}' is not a date: write it as 2026-06-01");
            today = day;
        }

        var plan = CarePlanFile.Load(file);
        foreach (var d in plan.Diagnostics) error.WriteLine(d.ToString());
        if (plan.Compiled is null) return Failed;

        var problems = new List<string>();
        var record = CarePlanRecord.Load(recordPath, plan.Compiled.Definition, problems);
        foreach (var p in problems) error.WriteLine($"{recordPath}: error {Diagnostics.Codes.CarePlanRecord.Code}: {p}");
        if (record is null || problems.Count > 0) return Usage;
        var on = today ?? record.Today ?? DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime);
        output.WriteLine(CarePlanJson.Write(plan.Compiled.Evaluate(record, on)));
        return Ok;
    }
}
