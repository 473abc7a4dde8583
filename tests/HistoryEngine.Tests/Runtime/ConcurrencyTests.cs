using HistoryEngine.Runtime;

namespace HistoryEngine.Tests.Runtime;

/// <summary>A compiled questionnaire is shared by every patient's session; sessions on different threads must not interfere.</summary>
public class ConcurrencyTests
{
    private static readonly CompiledQuestionnaire Q = Questionnaires.Compile("""
        id: shared
        version: 1.0.0
        items:
          - id: readings
            type: group
            repeats: true
            items:
              - id: systolic
                type: integer
              - id: diastolic
                type: integer
          - id: symptoms
            type: multiple_choice
            options:
              - code: headache
              - code: none
                exclusive: true
        values:
          - name: average
            expr: round(avg(readings, systolic))
          - name: high
            expr: count(readings, systolic >= 140)
        rules:
          - id: severe
            when: any(readings, systolic >= 180) && contains(symptoms, 'headache')
            level: urgent
            patient: Your highest was {{ max(readings, systolic) }}.
            source: test
        narrative: |
          Average {{ average }}; {{ for f in flags }}{{ f.rule }} {{ end }}
        """);

    private static string Run(int patient)
    {
        var session = Questionnaires.Start(Q);
        for (var i = 0; i < 40; i++)
        {
            session.SetAnswer($"readings[{i}].systolic", 100 + (patient * 7 + i * 13) % 120);
            session.SetAnswer($"readings[{i}].diastolic", 60 + i % 30);
            session.SetAnswer("symptoms", i % 2 == 0 ? new[] { "headache" } : new[] { "none" });
            _ = session.Result();
        }
        return ResultJson.Write(session.Result());
    }

    [Fact]
    public void SessionsOfOneQuestionnaire_OnParallelThreads_GiveWhatTheyGiveAlone()
    {
        var patients = Enumerable.Range(0, 16).ToArray();
        var alone = patients.Select(Run).ToArray();
        var together = new string[patients.Length];
        Parallel.For(0, patients.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, p => together[p] = Run(p));
        for (var p = 0; p < patients.Length; p++) Assert.Equal(alone[p], together[p]);
        Assert.NotEqual(alone[0], alone[1]);
    }
}
