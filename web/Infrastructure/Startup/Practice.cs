namespace HistoryEngine.Web.Infrastructure.Startup;

/// <summary>
/// The practice this site serves (a single-practice store), named by the configuration key <c>Practice:Name</c>; the
/// header and every page title show it, so patients see their practice, not the product.
/// </summary>
public sealed record Practice(string Name)
{
    /// <summary>What the pages say when no name is configured.</summary>
    public const string Unnamed = "Your GP practice";

    /// <summary>The longest name shown; a longer one is cut, so a typo in the settings cannot break the header.</summary>
    public const int MaxLength = 80;

    public static Practice From(IConfiguration configuration) =>
        configuration["Practice:Name"]?.Trim() is { Length: > 0 } name
            ? new(name.Length > MaxLength ? name[..MaxLength] : name)
            : new(Unnamed);
}
