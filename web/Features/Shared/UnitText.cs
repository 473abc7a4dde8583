namespace HistoryEngine.Web.Features.Shared;

/// <summary>How a UCUM unit reads on screen, wherever a filed or proposed value is shown.</summary>
public static class UnitText
{
    /// <summary>mmHg for mm[Hg], nothing for a score or another annotation in braces, the unit itself otherwise.</summary>
    public static string Of(string? unit) => unit switch
    {
        null or "" => "",
        "mm[Hg]" => "mmHg",
        "{score}" => "",
        _ when unit.StartsWith('{') => "",
        _ => unit,
    };
}
