namespace HistoryEngine.Web.Tests;

/// <summary>The tests that share one site (see <see cref="SharedSite"/>) run one after another on it.</summary>
[CollectionDefinition(SharedSite.Collection)]
public sealed class SiteCollection : ICollectionFixture<SharedSite>;
