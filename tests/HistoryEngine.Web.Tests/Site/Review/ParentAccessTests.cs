using System.Net;
using HistoryEngine.Web.Features.Clinician;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Time;

namespace HistoryEngine.Web.Tests.Site.Review;

/// <summary>
/// A child's history is answered by a parent: the practice gives a parent or guardian proxy access for a patient under
/// 16 (as NHS proxy access works), the grant is audited as the practice's decision, and the parent can then act for
/// the child. A patient of 16 or over gives access themselves: the practice cannot.
/// </summary>
[Collection(SharedSite.Collection)]
public class ParentAccessTests(SharedSite site)
{
    private static string Url(Person p) => $"/Clinician/Patient/{p.Id}";

    private async Task<Person> PatientBornAsync(ReviewSite r, DateOnly born) =>
        await r.Site.Store.AddPersonAsync(new NewPerson(Role.Patient, "Test child", TestSite.UniqueName("child"), null, born, null, "x"));

    [Fact]
    public async Task ThePractice_GivesAParentAccess_ForAChildUnder16_AndTheParentCanActForThem()
    {
        using var r = await ReviewSite.StartAsync(site);
        var today = UkTime.Today(r.Site.Clock);
        var child = await PatientBornAsync(r, today.AddYears(-16).AddDays(1)); // 15, one day short of 16
        var (parentClient, parent) = await r.Site.SignedInPersonAsync(Role.Proxy, TestSite.UniqueName("parent"));

        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, Url(child));
        Assert.Contains("Give a parent or guardian access", page);
        var response = await ReviewSite.PostAsync(r.ClinicianClient, Url(child) + "?handler=ParentAccess", page,
            ("parentUserName", parent.UserName), ("canViewRecord", "true"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var grant = Assert.Single(await r.Site.Store.ListProxyGrantsForPatientAsync(child.Id));
        Assert.Equal((parent.Id, true, true, true), (grant.CarerId, grant.IsActive, grant.CanFill, grant.CanViewRecord));
        Assert.Contains(await r.Site.Store.ListAuditAsync(child.Id, 10), e => e.Action == ReviewAudit.ParentAccessGranted && e.ActorId == r.Clinician.Id);
        // The parent now sees the child among those they act for.
        Assert.Contains("Test child", await parentClient.GetStringAsync("/Carer"));
    }

    [Fact]
    public async Task ThePractice_CannotGiveParentAccess_ForAPatientOf16()
    {
        using var r = await ReviewSite.StartAsync(site);
        var sixteen = await PatientBornAsync(r, UkTime.Today(r.Site.Clock).AddYears(-16));
        var (_, parent) = await r.Site.SignedInPersonAsync(Role.Proxy, TestSite.UniqueName("parent"));

        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, Url(sixteen));
        Assert.DoesNotContain("Give a parent or guardian access", page);
        var response = await ReviewSite.PostAsync(r.ClinicianClient, Url(sixteen) + "?handler=ParentAccess", page,
            ("parentUserName", parent.UserName));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("gives access to someone from their own account", await response.Content.ReadAsStringAsync());
        Assert.Empty(await r.Site.Store.ListProxyGrantsForPatientAsync(sixteen.Id));
    }

    [Fact]
    public async Task AUserNameThatIsNotACarerAccount_IsRefused_AndGrantsNothing()
    {
        using var r = await ReviewSite.StartAsync(site);
        var child = await PatientBornAsync(r, UkTime.Today(r.Site.Clock).AddYears(-6));

        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, Url(child));
        var response = await ReviewSite.PostAsync(r.ClinicianClient, Url(child) + "?handler=ParentAccess", page,
            ("parentUserName", r.Patient.UserName));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("There is no carer account with that user name", await response.Content.ReadAsStringAsync());
        Assert.Empty(await r.Site.Store.ListProxyGrantsForPatientAsync(child.Id));
    }
}
