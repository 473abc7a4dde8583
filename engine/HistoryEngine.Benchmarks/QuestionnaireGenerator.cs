using System.Globalization;
using System.Text;

namespace HistoryEngine.Benchmarks;

/// <summary>
/// Writes a large synthetic questionnaire for the benchmarks. With the defaults (2,000 items, 1,000 of them with an
/// enable_when) it holds:
/// <list type="bullet">
/// <item>a chain: <c>chain_1</c> .. <c>chain_C</c>, where <c>chain_k</c> is enabled when <c>chain_(k-1) &gt; 5</c>;</item>
/// <item>a fan-out: <c>fan_1</c> .. <c>fan_F</c>, all enabled by one answer, <c>hub</c>;</item>
/// <item>mixed conditions (a yes/no and a choice together) on the rest of the conditioned items;</item>
/// <item>unconditioned items of every answer type, filling up to N, in sections (non-repeating groups) of 100;</item>
/// <item>a repeating group <c>readings</c> (taken, systolic, diastolic, notes when systolic &gt;= 180) with calculated
/// values over it (avg, count, any, max, filter) and rules, a check inside it and one outside, and an entry.</item>
/// </list>
/// Every item counts towards N: groups, the repeating group and the items inside it included.
/// </summary>
public static class QuestionnaireGenerator
{
    /// <summary>The item nobody reads: answering it re-evaluates one node.</summary>
    public const string Leaf = "leaf";
    public const string ChainHead = "chain_1";
    public const string Hub = "hub";
    public const string Readings = "readings";

    public sealed record Shape(int Items = 2000, int Conditioned = 1000)
    {
        /// <summary>Items in the chain (its first has no condition, so it adds Chain - 1 conditions).</summary>
        public int Chain => Conditioned * 2 / 5;
        public int Fan => Conditioned * 2 / 5;
        public int Mixed => Conditioned - (Chain - 1) - Fan;
    }

    /// <summary>The YAML text. Deterministic: the same shape gives the same bytes.</summary>
    public static string Generate(Shape shape)
    {
        var w = new StringBuilder(256 * 1024);
        w.Append($"""
            id: generated-{shape.Items}
            version: 1.0.0
            title: Generated questionnaire ({shape.Items} items, {shape.Conditioned} conditions)
            items:

            """);
        var count = 0;
        var sectionFill = 0;
        var section = 0;
        const int SectionSize = 100;

        // Items are placed in sections (non-repeating groups) of about 100, the group item counting as one; the
        // last section takes one item more rather than open a section for one item that would not fit.
        void Item(string yaml, int items = 1)
        {
            if (sectionFill == 0 && (section == 0 || shape.Items - count > items))
            {
                section++;
                count++;
                sectionFill = 1;
                w.Append($"""
                      - id: section_{section}
                        type: group
                        text: Section {section}
                        items:

                    """);
            }
            w.Append(yaml);
            count += items;
            sectionFill += items;
            if (sectionFill >= SectionSize) sectionFill = 0;
        }

        // Readings: a repeating group at top level (not inside a section) with 5 items.
        w.Append("""
              - id: readings
                type: group
                repeats: true
                text: Home blood pressure readings
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
                    unit: mmHg
                    required: true
                  - id: notes
                    type: text
                    max_length: 200
                    enable_when: systolic >= 180

            """);
        count += 5;
        var conditions = 1; // notes

        Item("""
                  - id: hub
                    type: integer
                    text: How many days a week do you exercise?

            """);
        for (var k = 1; k <= shape.Chain; k++)
        {
            var when = k == 1 ? "" : $"\n        enable_when: chain_{k - 1} > 5";
            if (k > 1) conditions++;
            Item($"""
                      - id: chain_{k}
                        type: integer
                        text: Chained question {k}{when}

                """);
        }
        for (var k = 1; k <= shape.Fan; k++)
        {
            conditions++;
            var type = (k % 3) switch { 0 => "integer", 1 => "boolean", _ => "text" };
            Item($"""
                      - id: fan_{k}
                        type: {type}
                        text: Fanned-out question {k}
                        enable_when: hub > 5

                """);
        }
        // Mixed: a yes/no gate and a choice read together; each pair is (gate, conditioned item).
        var mixed = shape.Mixed - 1; // the notes item inside readings is one of the conditions
        for (var k = 1; k <= mixed; k++)
        {
            if (k % 10 == 1)
            {
                Item($"""
                          - id: gate_{k}
                            type: boolean
                            text: Gate {k}
                          - id: pick_{k}
                            type: choice
                            text: Pick {k}
                            options:
                              - code: a
                                display: A
                              - code: b
                                display: B
                              - code: c
                                display: C

                    """, items: 2);
            }
            var g = (k - 1) / 10 * 10 + 1;
            conditions++;
            Item($"""
                      - id: mixed_{k}
                        type: decimal
                        text: Mixed question {k}
                        enable_when: gate_{g} && (pick_{g} == 'a' || pick_{g} == 'b') && hub >= {k % 7}

                """);
        }
        Item($"""
                  - id: {Leaf}
                    type: text
                    text: Anything else?

            """);
        // Fill up to N with unconditioned items of each type; the last section may close early.
        var f = 0;
        while (count < shape.Items)
        {
            f++;
            var type = (f % 5) switch { 0 => "integer", 1 => "boolean", 2 => "text", 3 => "date", _ => "decimal" };
            Item($"""
                      - id: filler_{f}
                        type: {type}
                        text: Unconditioned question {f}

                """);
        }
        // Values, checks, rules, entries: aggregates over the readings and a few scalars.
        w.Append("""
            values:
              - name: reading_count
                expr: count(readings)
              - name: average_systolic
                expr: round(avg(readings, systolic))
              - name: average_diastolic
                expr: round(avg(readings, diastolic))
              - name: any_severe
                expr: any(readings, systolic >= 180 || diastolic >= 120)
              - name: highest_systolic
                expr: max(readings, systolic)
              - name: high_readings
                expr: count(filter(readings, systolic >= 135))
              - name: chain_start
                expr: sum(chain_1, chain_2, chain_3)
              - name: answered_fan
                expr: count_answered(fan_1, fan_2, fan_3, fan_4, fan_5)
            checks:
              - id: dia-below-sys
                item: diastolic
                assert: diastolic < systolic
                message: The bottom number should be lower than the top number.
              - id: hub-in-week
                item: hub
                assert: hub <= 7
                message: There are only 7 days in a week.
            rules:
              - id: severe
                when: any_severe
                level: urgent
                patient: Contact your GP practice **today**. Your highest top number was {{ highest_systolic }}.
                clinician: Severe reading ({{ highest_systolic }}).
                source: local
              - id: high-average
                when: reading_count >= 12 && average_systolic >= 135
                level: soon
                patient: Your average is high.
                clinician: Average {{ average_systolic }} over {{ reading_count }} readings.
                source: NICE NG136
              - id: active
                when: hub > 5 && chain_1 > 5
                level: routine
                patient: Keep it up.
                clinician: Active.
                source: local
            entries:
              - system: http://snomed.info/sct
                code: "413606001"
                display: Average home systolic blood pressure
                value: average_systolic
                unit: mm[Hg]
            narrative: |
              Average {{ average_systolic }}/{{ average_diastolic }} over {{ reading_count }} readings.

            """);
        if (count != shape.Items || conditions != shape.Conditioned)
            throw new InvalidOperationException($"The generator wrote {count} items and {conditions} conditions, not {shape.Items} and {shape.Conditioned}");
        return w.ToString();
    }

    /// <summary>Writes the questionnaire to <paramref name="path"/> and returns the path.</summary>
    public static string Write(string path, Shape shape)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Generate(shape));
        return path;
    }

    /// <summary>Loads and compiles a file, and throws with every diagnostic when it has errors.</summary>
    public static QuestionnaireFile LoadClean(string path)
    {
        var file = QuestionnaireFile.Load(path);
        if (file.Compiled is null || file.HasErrors)
            throw new InvalidOperationException($"{path} does not compile:\n" + string.Join("\n", file.Diagnostics));
        return file;
    }

    /// <summary>An ISO-8601 date-time for reading k, one a day from 1 March 2026.</summary>
    public static string Taken(int k) =>
        new DateTime(2026, 3, 1, 8, 0, 0).AddHours(12 * k).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
