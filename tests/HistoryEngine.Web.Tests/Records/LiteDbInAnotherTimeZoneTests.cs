namespace HistoryEngine.Web.Tests.Records;

[CollectionDefinition(nameof(LocalTimeZoneCollection), DisableParallelization = true)]
public sealed class LocalTimeZoneCollection;

/// <summary>
/// The whole contract again with the process's local time zone far from UTC (+13:45), because LiteDB converts dates
/// to local time on the way out and a machine set to UTC would hide any place that forgets to convert back.
/// </summary>
[Collection(nameof(LocalTimeZoneCollection))]
public sealed class LiteDbInAnotherTimeZoneTests : LiteDbRecordStoreTests
{
    private readonly string? _previous = Environment.GetEnvironmentVariable("TZ");

    public LiteDbInAnotherTimeZoneTests()
    {
        Environment.SetEnvironmentVariable("TZ", "Pacific/Chatham");
        TimeZoneInfo.ClearCachedData();
    }

    [Fact]
    public void LocalTimeZone_IsReallyNotUtc() =>
        Assert.NotEqual(TimeSpan.Zero, TimeZoneInfo.Local.GetUtcOffset(DateTime.UtcNow));

    public override void Dispose()
    {
        Environment.SetEnvironmentVariable("TZ", _previous);
        TimeZoneInfo.ClearCachedData();
        base.Dispose();
    }
}
