using HistoryEngine.Runtime;

namespace HistoryEngine.Tests.Runtime;

/// <summary>Re-evaluating only what an answer affects must give exactly what re-evaluating everything gives.</summary>
public class IncrementalEvaluationTests
{
    private static readonly CompiledQuestionnaire Q = Questionnaires.Compile("""
        id: incremental
        version: 1.0.0
        items:
          - id: a
            type: boolean
          - id: n
            type: integer
            min: 0
            max: 100
            enable_when: a
          - id: m
            type: integer
            enable_when: n > 10 || !a
          - id: colour
            type: choice
            options:
              - code: red
              - code: blue
          - id: symptoms
            type: multiple_choice
            enable_when: colour == 'red'
            options:
              - code: cough
              - code: fever
              - code: none
                exclusive: true
          - id: box
            type: group
            enable_when: answered(m)
            items:
              - id: inner
                type: integer
              - id: inner_note
                type: text
                max_length: 3
                enable_when: inner > 5
          - id: readings
            type: group
            repeats: true
            max_count: 4
            enable_when: total < 50 || !answered(n)
            items:
              - id: value
                type: integer
                max: 200
              - id: extra
                type: integer
                enable_when: value > n
        values:
          - name: total
            expr: (n ?? 0) + (m ?? 0)
          - name: high
            expr: count(readings, value > 100)
          - name: biggest
            expr: max(readings, value)
          - name: doubled
            expr: total * 2 + (inner ?? 0)
        checks:
          - id: small_m
            item: m
            assert: m < 90
            message: m is too big ({{ m }})
          - id: inner_vs_n
            item: inner
            assert: inner <= n
            message: inner above n
          - id: note_needs_small_n
            item: inner_note
            assert: n < 90
            message: a check that does not read its own item
          - id: extra_vs_value
            item: extra
            assert: extra < value
            message: extra too big
        rules:
          - id: r_total
            when: doubled > 100
            level: routine
            source: test
          - id: r_cough
            when: contains(symptoms, 'cough') && high >= 1
            level: urgent
            source: test
          - id: r_readings
            when: any(readings, extra > 50)
            level: soon
            source: test
        """);

    private static readonly string[] Paths =
        ["a", "n", "m", "colour", "symptoms", "inner", "inner_note", "readings[0].value", "readings[1].value",
         "readings[0].extra", "readings[2].extra", "nothing"];

    // Values either side of every limit and condition in the questionnaire, so that each is crossed often.
    private static readonly int[] Numbers = [-5, 0, 5, 8, 20, 60, 95, 150, 250];

    private static object? RandomValue(Random random, string path) => random.Next(8) switch
    {
        0 => null,
        1 => "not a value",
        _ => path switch
        {
            "a" => random.Next(2) == 0,
            "colour" => random.Next(3) == 0 ? "green" : random.Next(2) == 0 ? "red" : "blue",
            "symptoms" => new[] { new[] { "cough" }, ["fever", "cough"], ["none"], ["none", "fever"], [] }[random.Next(5)],
            "inner_note" => new string('x', random.Next(6)),
            _ => Numbers[random.Next(Numbers.Length)],
        },
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    public void RandomAnswers_IncrementalAndFullReevaluation_GiveTheSameResult(int seed)
    {
        var random = new Random(seed);
        var incremental = Q.CreateSession(new HistoryEngine.Scenarios.FixedClock(Questionnaires.Now));
        var full = Q.CreateSession(new HistoryEngine.Scenarios.FixedClock(Questionnaires.Now));
        full.Incremental = false;
        for (var step = 0; step < 300; step++)
        {
            var action = random.Next(20);
            string what;
            if (action == 0)
            {
                what = "add";
                Assert.Equal(full.AddInstance("readings"), incremental.AddInstance("readings"));
            }
            else if (action == 1)
            {
                var index = random.Next(3);
                what = $"remove {index}";
                Assert.Equal(full.RemoveInstance("readings", index), incremental.RemoveInstance("readings", index));
            }
            else
            {
                var path = Paths[random.Next(Paths.Length)];
                var value = RandomValue(random, path);
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
