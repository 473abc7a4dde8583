namespace HistoryEngine.Web.Tests;

/// <summary>The tests that share one site (see <see cref="SharedSite"/>) run one after another on it.</summary>
[CollectionDefinition(SharedSite.Collection)]
public sealed class SiteCollection : ICollectionFixture<SharedSite>;

/// <summary>The same, on the PostgreSQL backend (<see cref="SharedPostgreSqlSite"/>).</summary>
[CollectionDefinition(SharedPostgreSqlSite.Collection)]
public sealed class PostgreSqlSiteCollection : ICollectionFixture<SharedPostgreSqlSite>;
