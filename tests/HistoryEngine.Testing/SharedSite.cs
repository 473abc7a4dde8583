namespace HistoryEngine.Testing;

/// <summary>
/// One site for all the tests of a collection, on the questionnaires made for the tests. Tests on it run one after
/// another (one collection) and keep out of each other's way: each makes its own people
/// (<see cref="TestSite.UniqueName"/>), each client comes from its own network address, and the clock only ever moves
/// forward, so a test that needs a given moment or a setting of its own starts a <see cref="TestSite"/> instead.
/// Each test project declares the collection: <c>[CollectionDefinition(SharedSite.Collection)] class … :
/// ICollectionFixture&lt;SharedSite&gt;</c> (xunit finds collection definitions in the test assembly only).
/// </summary>
public sealed class SharedSite : TestSite
{
    public const string Collection = "Shared site";

    public SharedSite() => AddressPerClient = true;
}
