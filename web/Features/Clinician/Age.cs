namespace HistoryEngine.Web.Features.Clinician;

/// <summary>A patient's age from their date of birth, as a GP reads it: months under 2, years from then.</summary>
public static class Age
{
    /// <summary>Whole years on <paramref name="today"/>.</summary>
    public static int Years(DateOnly born, DateOnly today) => Infrastructure.Time.UkTime.AgeOn(born, today);

    /// <summary>"54", or "8 months" for a child under 2; empty when the date of birth is not known.</summary>
    public static string Text(DateOnly? born, DateOnly today)
    {
        if (born is not { } b)
            return "";
        var years = Years(b, today);
        if (years >= 2)
            return years.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var months = (today.Year - b.Year) * 12 + today.Month - b.Month - (today.Day < b.Day ? 1 : 0);
        return months == 1 ? "1 month" : $"{Math.Max(0, months)} months";
    }
}
