namespace HistoryEngine.Web.Tests;

/// <summary>A clock that moves only when a test moves it. Thread-safe enough for tests that advance it between steps.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    /// <summary>A start time with sub-millisecond ticks, to show the store copes with them.</summary>
    public static DateTimeOffset DefaultStart { get; } = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    public ManualClock() : this(DefaultStart)
    {
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>The clock's own zone: UTC, as on the server, whatever the machine running the tests is set to. The
    /// site must never show or check times in it (it uses UK time); a test may set another to show that.</summary>
    public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Utc;

    public override TimeZoneInfo LocalTimeZone => Zone;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
