namespace HistoryEngine.Web.Features.Shared;

/// <summary>How a UCUM unit reads on screen, wherever a filed or proposed value is shown.</summary>
public static class UnitText
{
    /// <summary>mmHg for mm[Hg], nothing for a score or another annotation in braces, an annotation inside a unit
    /// without its braces (mL/min/1.73 m2 for mL/min/{1.73_m2}), the unit itself otherwise.</summary>
    public static string Of(string? unit) => unit switch
    {
        null or "" => "",
        "mm[Hg]" => "mmHg",
        "{score}" => "",
        _ when unit.StartsWith('{') => "",
        _ when unit.Contains('{') => unit.Replace("{", "").Replace("}", "").Replace('_', ' '),
        _ => unit,
    };
}
