namespace HistoryEngine.Testing;

/// <summary>
/// One site for all the tests of a collection, on the questionnaires made for the tests. Tests on it run one after
/// another (one collection) and keep out of each other's way: each makes its own people
/// (<see cref="TestSite.UniqueName"/>), each client comes from its own network address, and the clock only ever moves
/// forward, so a test that needs a given moment or a setting of its own starts a <see cref="TestSite"/> instead.
/// Each test project declares the collection: <c>[CollectionDefinition(SharedSite.Collection)] class … :
/// ICollectionFixture&lt;SharedSite&gt;</c> (xunit finds collection definitions in the test assembly only).
/// </summary>
public class SharedSite : TestSite
{
    public const string Collection = "Shared site";

    public SharedSite() => AddressPerClient = true;
}

/// <summary>
/// The shared site on the PostgreSQL backend (a schema of its own on the test server), for the tests that must pass on
/// both backends: a test class on <see cref="SharedSite"/> gets a twin, <c>[Collection(SharedPostgreSqlSite.Collection)]
/// class XOnPostgreSql(SharedPostgreSqlSite site) : X(site);</c>, and the project declares this collection too.
/// </summary>
public sealed class SharedPostgreSqlSite : SharedSite
{
    public new const string Collection = "Shared site on PostgreSQL";

    public SharedPostgreSqlSite() => Provider = Web.Infrastructure.Startup.StoreProvider.PostgreSql;
}
