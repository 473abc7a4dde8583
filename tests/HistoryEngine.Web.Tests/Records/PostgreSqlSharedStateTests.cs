using System.Xml.Linq;
using HistoryEngine.Web.Infrastructure.Records.PostgreSql;

namespace HistoryEngine.Web.Tests.Records;

/// <summary>The PostgreSQL store's part in running several site instances (ISharedInstanceState and the key ring),
/// on two store objects over one schema, as two site processes would have.</summary>
public sealed class PostgreSqlSharedStateTests : IDisposable
{
    private readonly TestPostgres _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly PostgreSqlRecordStore _one;
    private readonly PostgreSqlRecordStore _other;

    public PostgreSqlSharedStateTests()
    {
        _one = PostgreSqlRecordStore.Open(_database.ConnectionString, _clock);
        _other = PostgreSqlRecordStore.Open(_database.ConnectionString, _clock);
    }

    [Fact]
    public async Task ASessionEndedThroughOneStore_IsEndedThroughTheOther_UntilItsCookieWouldHaveExpired()
    {
        var now = _clock.GetUtcNow();
        Assert.False(await _other.IsSessionEndedAsync("s1", now));

        await _one.EndSessionAsync("s1", now + TimeSpan.FromHours(1));

        Assert.True(await _other.IsSessionEndedAsync("s1", now));
        Assert.True(await _other.IsSessionEndedAsync("s1", now + TimeSpan.FromHours(1)));
        Assert.False(await _other.IsSessionEndedAsync("s1", now + TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(1)));
        Assert.False(await _other.IsSessionEndedAsync("s2", now));
    }

    [Fact]
    public async Task SignInFailures_AreCountedPerAddressAcrossStores_AndForgottenOnceOutOfTheWindow()
    {
        var start = _clock.GetUtcNow();
        var window = TimeSpan.FromMinutes(15);
        await _one.RecordSignInFailureAsync("203.0.113.7", start, start - window);
        await _other.RecordSignInFailureAsync("203.0.113.7", start + TimeSpan.FromMinutes(1), start - window);
        await _other.RecordSignInFailureAsync("198.51.100.2", start + TimeSpan.FromMinutes(1), start - window);

        Assert.Equal(2, await _one.CountSignInFailuresAsync("203.0.113.7", start - window));
        Assert.Equal(1, await _one.CountSignInFailuresAsync("198.51.100.2", start - window));
        // A failure exactly at the window's start no longer counts; one just inside it does.
        Assert.Equal(1, await _other.CountSignInFailuresAsync("203.0.113.7", start));

        // A later failure from anywhere deletes those that have left the window (here the first), and only those.
        var later = start + TimeSpan.FromMinutes(15.5);
        await _one.RecordSignInFailureAsync("192.0.2.1", later, later - window);
        Assert.Equal(2L, _database.Scalar<long>("select count(*) from sign_in_failures where address <> '192.0.2.1'"));
        Assert.Equal(1, await _other.CountSignInFailuresAsync("203.0.113.7", start - window));
    }

    [Fact]
    public void AKeyStoredThroughOneStore_IsReadThroughTheOther_AndANameIsStoredOnce()
    {
        var first = new XElement("key", new XAttribute("id", "k1"), new XElement("secret", "one"));
        new PostgreSqlXmlRepository(_one).StoreElement(first, "key-k1");
        new PostgreSqlXmlRepository(_other).StoreElement(new XElement("key", new XAttribute("id", "k1"), "changed"), "key-k1");

        var read = Assert.Single(new PostgreSqlXmlRepository(_other).GetAllElements());
        Assert.Equal(first.ToString(), read.ToString());
    }

    public void Dispose()
    {
        _one.Dispose();
        _other.Dispose();
        _database.Dispose();
    }
}
