namespace HistoryEngine.Benchmarks;

/// <summary>
/// A small, realistic questionnaire kept inside the benchmark project (the engine's home blood pressure example:
/// a repeating group of readings, aggregates with a filter, a check and two rules), so that compile time of a
/// questionnaire of ordinary size is measured even while questionnaires/ is empty. Written to a temporary folder
/// by the benchmark itself.
/// </summary>
public static class SampleQuestionnaire
{
    public const string Name = "sample-home-bp";

    public const string Text = """
        id: bp-test
        version: 1.0.0
        title: BP test
        items:
          - id: readings
            type: group
            repeats: true
            min_count: 1
            items:
              - id: taken
                type: datetime
                required: true
              - id: systolic
                type: integer
                min: 50
                max: 300
                unit: mmHg
                required: true
              - id: diastolic
                type: integer
                min: 30
                max: 200
                required: true
              - id: notes
                type: text
                max_length: 20
                enable_when: systolic >= 180
          - id: symptoms
            type: multiple_choice
            options:
              - code: chest-pain
                display: Chest pain
              - code: headache
                display: Severe headache
              - code: none
                display: None of these
                exclusive: true
        values:
          - name: first_day
            expr: min(readings, date(taken))
          - name: counted
            expr: filter(readings, date(taken) > first_day)
          - name: readings_counted
            expr: count(counted)
          - name: average_systolic
            expr: round(avg(counted, systolic))
        checks:
          - id: dia-below-sys
            item: diastolic
            assert: diastolic < systolic
            message: The bottom number should be lower than the top number.
        rules:
          - id: severe
            when: any(readings, systolic >= 180 || diastolic >= 120)
            level: urgent
            patient: Contact your GP practice **today**. Your highest top number was {{ max(readings, systolic) }}.
            clinician: Severe reading.
            source: local
          - id: emergency
            when: any(readings, systolic >= 180) && contains_any(symptoms, 'chest-pain', 'headache')
            level: emergency
            patient: Call 999.
            clinician: Severe with symptoms.
            source: local
        entries:
          - system: http://snomed.info/sct
            code: "413606001"
            display: Average home systolic blood pressure
            value: average_systolic
            unit: mm[Hg]
        narrative: |
          Home BP: average {{ average_systolic }} over {{ readings_counted }} readings.
          {{ for f in flags }}- {{ f.level }}: {{ f.clinician }}
          {{ end }}
        """;
}
