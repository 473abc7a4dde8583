namespace HistoryEngine.Web.Tests.Security;

/// <summary>
/// Values an attacker (or an unlucky paste) sends wherever the site takes input: markup and script, template
/// syntax for the engines the site uses (Scriban, Razor), very long strings, control characters, right-to-left
/// overrides, a lone surrogate, numbers that break parsers, and dates at the ends of the calendar.
/// </summary>
public static class HostileValues
{
    public static readonly IReadOnlyList<string> All =
    [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "<svg/onload=alert(1)>",
        "{{ 7 * 7 }}",
        "{{ for x in 1..100000000 }}{{ x }}{{ end }}",
        "{{ include 'c:/windows/win.ini' }}",
        "@(1+1) @DateTime.Now @{ throw null; }",
        "${7*7} #{7*7} <%= 7*7 %>",
        new string('A', 100_000),
        "\u0000\u0001\u0007\u001B[31mred\u001B[0m",
        "line one\r\nline two\rthree\u2028four",
        "\u202Egnp.exe\u202C \u200F\u200E\u2066x\u2069",
        "\uD800 lone high \uDC00 lone low",
        "😀🩺 e\u0301 ﷽",
        "1e309", "-1e309", "NaN", "Infinity", "-0", "0x1F", "1,5", "٣٤", " 42 ", "+7", "1e2", "1_000",
        "99999999999999999999999999999999999999",
        "-99999999999999999999999999999999999999",
        "0001-01-01", "9999-12-31", "10000-01-01", "-0001-01-01", "2026-02-30", "24:00", "23:60", "99:99",
        "'; DROP TABLE people; --",
        "{\"$where\": \"1 == 1\"}",
        "../../../../etc/passwd",
        "%00%2e%2e%2f",
        "true", "false", "null", "[]", "{}",
        "",
        "   ",
    ];
}
