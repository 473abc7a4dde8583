using HistoryEngine.Web.Tests.Site.Journey;
using HistoryEngine.Web.Tests.Site.Review;

namespace HistoryEngine.Web.Tests.Site;

// The site's tests that must hold on both backends, run again on PostgreSQL: who may see what, a journey sent once as
// a frozen snapshot, filing into the record, and what a carer may do (grants that end, registered by the practice) (each class's every test, on a shared site whose store is PostgreSQL).

[Collection(SharedPostgreSqlSite.Collection)]
public class AuthorizationTestsOnPostgreSql(SharedPostgreSqlSite site) : AuthorizationTests(site);

[Collection(SharedPostgreSqlSite.Collection)]
public class JourneyTestsOnPostgreSql(SharedPostgreSqlSite site) : JourneyTests(site);

[Collection(SharedPostgreSqlSite.Collection)]
public class FilingTestsOnPostgreSql(SharedPostgreSqlSite site) : FilingTests(site);

[Collection(SharedPostgreSqlSite.Collection)]
public class CarerJourneyTestsOnPostgreSql(SharedPostgreSqlSite site) : CarerJourneyTests(site);

[Collection(SharedPostgreSqlSite.Collection)]
public class CarerRegistrationTestsOnPostgreSql(SharedPostgreSqlSite site) : CarerRegistrationTests(site);

[Collection(SharedPostgreSqlSite.Collection)]
public class SharedPostgreSqlSiteTests(SharedPostgreSqlSite site)
{
    [Fact]
    public void TheTwinsAbove_RunOnAPostgreSqlStore_NotOnLiteDb()
    {
        Assert.IsType<Web.Infrastructure.Records.PostgreSql.PostgreSqlRecordStore>(site.Store);
        Assert.IsType<Web.Infrastructure.Records.PostgreSql.PostgreSqlRecordStore>(site.TwoFactor);
    }
}

// Issue 15 point 6: a returned submission answered, the link kept on drafts and submissions.
[Collection(SharedPostgreSqlSite.Collection)]
public class ReturnedAnswerTestsOnPostgreSql(SharedPostgreSqlSite site) : ReturnedAnswerTests(site);

// Issue 17 point 4: two practices in one PostgreSQL database.
[Collection(SharedPostgreSqlSite.Collection)]
public class PracticeIsolationTestsOnPostgreSql(SharedPostgreSqlSite site) : PracticeIsolationTests(site);
