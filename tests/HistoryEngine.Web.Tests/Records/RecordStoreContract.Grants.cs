using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Records;

// Issue 12, point 7: one active grant per patient and carer, whatever happens, so that revoking one ends the
// carer's access (granting the same carer three times used to make three, and revoking one left two).
public abstract partial class RecordStoreContract
{
    [Fact]
    public async Task ProxyGrant_GrantingTheSameCarerAgain_ChangesTheRightsOfTheOneActiveGrant()
    {
        var first = await Store.AddProxyGrantAsync("p1", "carer", canFill: true, canViewRecord: false);
        Clock.Advance(TimeSpan.FromHours(1));

        var again = await Store.AddProxyGrantAsync("p1", "carer", canFill: false, canViewRecord: true);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.GrantedAt, again.GrantedAt);
        Assert.Equal((false, true), (again.CanFill, again.CanViewRecord));
        Assert.Equal([again], await Store.ListProxyGrantsForPatientAsync("p1"));
        Assert.Equal([again], await Store.ListActiveProxyGrantsForCarerAsync("carer"));
    }

    [Fact]
    public async Task ProxyGrant_ToTheSameCarerNamedInAnyCaseOrSpacing_IsOneActiveGrant()
    {
        // User names compare as sign-in compares them, so every spelling finds the one carer, and one grant.
        var carer = await Store.AddPersonAsync(new NewPerson(Role.Proxy, "Carer One", "carer1", null, null, null, "hash"));
        foreach (var spelling in new[] { "carer1", "CARER1", " carer1 " })
        {
            var found = await Store.FindPersonByUserNameAsync(spelling);
            Assert.Equal(carer.Id, found?.Id);
            await Store.AddProxyGrantAsync("p1", found!.Id, canFill: true, canViewRecord: spelling == " carer1 ");
        }

        var grant = Assert.Single(await Store.ListActiveProxyGrantsForCarerAsync(carer.Id));
        Assert.True(grant.CanViewRecord);
        Assert.Single(await Store.ListProxyGrantsForPatientAsync("p1"));
    }

    [Fact]
    public async Task ProxyGrant_GrantedManyTimesAtOnce_IsStillOneActiveGrant()
    {
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => Store.AddProxyGrantAsync("p1", "carer", canFill: true, canViewRecord: i % 2 == 0))));

        Assert.Single(await Store.ListActiveProxyGrantsForCarerAsync("carer"));
        Assert.Single(await Store.ListProxyGrantsForPatientAsync("p1"));
    }

    [Fact]
    public async Task ProxyGrant_Revoked_EndsTheCarersAccess_AndGrantingAgainMakesANewGrant()
    {
        var first = await Store.AddProxyGrantAsync("p1", "carer", canFill: true, canViewRecord: true);
        await Store.AddProxyGrantAsync("p1", "carer", canFill: true, canViewRecord: false);

        await Store.RevokeProxyGrantAsync(first.Id);

        Assert.Empty(await Store.ListActiveProxyGrantsForCarerAsync("carer"));
        var renewed = await Store.AddProxyGrantAsync("p1", "carer", canFill: false, canViewRecord: true);
        Assert.NotEqual(first.Id, renewed.Id);
        Assert.Equal([renewed], await Store.ListActiveProxyGrantsForCarerAsync("carer"));
        Assert.Equal(2, (await Store.ListProxyGrantsForPatientAsync("p1")).Count); // the revoked one is kept, revoked
    }

    [Fact]
    public async Task ProxyGrant_ForAnotherPatientOrCarer_IsItsOwnGrant()
    {
        await Store.AddProxyGrantAsync("p1", "carer", canFill: true, canViewRecord: false);
        await Store.AddProxyGrantAsync("p2", "carer", canFill: true, canViewRecord: false);
        await Store.AddProxyGrantAsync("p1", "carer2", canFill: true, canViewRecord: false);

        Assert.Equal(2, (await Store.ListActiveProxyGrantsForCarerAsync("carer")).Count);
        Assert.Equal(2, (await Store.ListProxyGrantsForPatientAsync("p1")).Count);
    }
}
