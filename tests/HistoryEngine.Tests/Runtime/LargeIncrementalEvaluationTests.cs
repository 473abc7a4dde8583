using System.Text;
using HistoryEngine.Runtime;

namespace HistoryEngine.Tests.Runtime;

/// <summary>
/// Incremental against full re-evaluation on a questionnaire large enough that one answer reaches nodes hundreds of
/// places apart in dependency order: a chain of 300 items, 300 items behind one answer, sections enabled by the
/// end of the chain, items at the end of the file read by items at the start, values and rules over all of them.
/// </summary>
public class LargeIncrementalEvaluationTests
{
    private const int Chain = 300, Fan = 300, Tails = 40;

    private static readonly CompiledQuestionnaire Q = Questionnaires.Compile(Build());

    private static string Build()
    {
        var w = new StringBuilder("""
            id: large-incremental
            version: 1.0.0
            items:
              - id: hub
                type: integer
              - id: readings
                type: group
                repeats: true
                max_count: 5
                enable_when: hub > 2
                items:
                  - id: value
                    type: integer
                  - id: extra
                    type: integer
                    enable_when: value > hub

            """);
        var section = 0;
        void Section(string? when)
        {
            section++;
            w.Append($"  - id: section_{section}\n    type: group\n");
            if (when is not null) w.Append($"    enable_when: {when}\n");
            w.Append("    items:\n");
        }
        void Item(string id, string? when)
        {
            w.Append($"      - id: {id}\n        type: integer\n");
            if (when is not null) w.Append($"        enable_when: {when}\n");
        }
        for (var k = 1; k <= Chain; k++)
        {
            if (k % 100 == 1) Section(null);
            Item($"chain_{k}", k == 1 ? null : $"chain_{k - 1} > 5");
        }
        for (var k = 1; k <= Fan; k++)
        {
            // Every other section of fan items hangs on the end of the chain.
            if (k % 50 == 1) Section(section % 2 == 0 ? $"chain_{Chain} > 5" : null);
            Item($"fan_{k}", k % 3 == 0 ? $"hub > 5 && (late ?? 0) < 8" : "hub > 5");
        }
        Section(null);
        for (var k = 1; k <= Tails; k++) Item($"tail_{k}", $"fan_{k * Fan / Tails} > 5 || chain_{k * Chain / Tails} > 5");
        Item("late", null);
        w.Append($"""
            values:
              - name: ends
                expr: sum(chain_1, chain_{Chain / 2}, chain_{Chain}, fan_1, fan_{Fan}, tail_{Tails}) ?? 0
              - name: biggest
                expr: max(readings, value)
              - name: counted
                expr: count(readings) + (late ?? 0)
            checks:
              - id: hub-in-week
                item: hub
                assert: hub <= 7
                message: Only 7 days in a week
              - id: tail-small
                item: tail_{Tails}
                assert: tail_{Tails} < 50
                message: too big
              - id: extra-vs-value
                item: extra
                assert: extra < value
                message: extra too big
            rules:
              - id: far
                when: ends > 30 && chain_{Chain} > 5
                level: routine
                source: test
              - id: readings-high
                when: (biggest ?? 0) > 8 || counted > 4
                level: soon
                source: test

            """);
        return w.ToString();
    }

    private static readonly int[] Numbers = [0, 3, 6, 10, 60];

    private static string RandomPath(Random random) => random.Next(12) switch
    {
        0 or 1 => "hub",
        2 => "chain_1",
        3 or 4 => $"chain_{random.Next(1, Chain + 1)}",
        5 => $"fan_{random.Next(1, Fan + 1)}",
        6 => $"tail_{random.Next(1, Tails + 1)}",
        7 => "late",
        8 => $"readings[{random.Next(3)}].value",
        9 => $"readings[{random.Next(3)}].extra",
        10 => $"chain_{Chain}",
        _ => $"fan_{Fan}",
    };

    private static object? RandomValue(Random random) => random.Next(10) switch
    {
        0 => null,
        1 => "not a number",
        _ => Numbers[random.Next(Numbers.Length)],
    };

    /// <summary>Answers every chain, fan and tail item with 10 (all shown, when hub is 6), as a start.</summary>
    private static void Fill(Session session)
    {
        session.SetAnswer("hub", 6);
        for (var k = 1; k <= Chain; k++) session.SetAnswer($"chain_{k}", 10);
        for (var k = 1; k <= Fan; k++) session.SetAnswer($"fan_{k}", 10);
        for (var k = 1; k <= Tails; k++) session.SetAnswer($"tail_{k}", 10);
    }

    [Fact]
    public void WholeChainAndFanOut_SwitchOffAndOnAgain_AsInFullReevaluation()
    {
        var incremental = Questionnaires.Start(Q);
        var full = Questionnaires.Start(Q);
        full.Incremental = false;
        Fill(incremental);
        Fill(full);
        Assert.True(incremental.IsEnabled($"chain_{Chain}") && incremental.IsEnabled($"fan_{Fan}") && incremental.IsEnabled("section_5"));
        foreach (var (path, value) in new (string, object?)[] { ("chain_1", 0), ("hub", 2), ("late", 9), ("chain_1", 10), ("hub", 6), ("late", null) })
        {
            incremental.SetAnswer(path, value);
            full.SetAnswer(path, value);
            Assert.Equal(ResultJson.Write(full.Result()), ResultJson.Write(incremental.Result()));
        }
        incremental.SetAnswer("chain_1", 0);
        Assert.False(incremental.IsEnabled($"chain_{Chain}"));
        Assert.False(incremental.IsEnabled("section_5"));
        Assert.True(incremental.IsEnabled("section_4"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void RandomAnswers_IncrementalAndFullReevaluation_GiveTheSameResult(int seed)
    {
        var random = new Random(seed);
        var incremental = Questionnaires.Start(Q);
        var full = Questionnaires.Start(Q);
        full.Incremental = false;
        if (seed % 2 == 0)
        {
            Fill(incremental);
            Fill(full);
        }
        for (var step = 0; step < 200; step++)
        {
            string what;
            if (random.Next(15) == 0)
            {
                var index = random.Next(3);
                what = $"remove {index}";
                Assert.Equal(full.RemoveInstance("readings", index), incremental.RemoveInstance("readings", index));
            }
            else
            {
                var path = RandomPath(random);
                var value = RandomValue(random);
                what = $"{path} = {value}";
                full.SetAnswer(path, value);
                incremental.SetAnswer(path, value);
            }
            var expected = ResultJson.Write(full.Result());
            var actual = ResultJson.Write(incremental.Result());
            Assert.True(expected == actual, $"step {step} ({what}) differs.\nFull:\n{expected}\nIncremental:\n{actual}");
        }
    }
}
