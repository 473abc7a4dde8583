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

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
