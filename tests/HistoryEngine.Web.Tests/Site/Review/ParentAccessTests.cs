using System.Net;
using HistoryEngine.Web.Features.Clinician;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Time;

namespace HistoryEngine.Web.Tests.Site.Review;

/// <summary>
/// A child's history is answered by a parent: the practice gives a parent or guardian proxy access for a patient under
/// 16 (as NHS proxy access works), having checked their parental responsibility; the grant is audited as the
/// practice's decision, and the parent can then act for the child. For a patient of 16 or over the practice records
/// that the patient agreed (or the carer's legal authority) instead.
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
        Assert.Contains("parental responsibility", page);
        var response = await ReviewSite.PostAsync(r.ClinicianClient, Url(child) + "?handler=CarerAccess", page,
            ("CarerUserName", parent.UserName), ("CanFill", "true"), ("CanViewRecord", "true"), ("Confirmed", "true"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var grant = Assert.Single(await r.Site.Store.ListProxyGrantsForPatientAsync(child.Id));
        Assert.Equal((parent.Id, true, true, true, (DateTimeOffset?)null), (grant.CarerId, grant.IsActive, grant.CanFill, grant.CanViewRecord, grant.ExpiresAt));
        Assert.Contains(await r.Site.Store.ListAuditAsync(child.Id, 10), e => e.Action == ReviewAudit.ParentAccessGranted && e.ActorId == r.Clinician.Id);
        // The parent now sees the child among those they act for.
        Assert.Contains("Test child", await parentClient.GetStringAsync("/Carer"));
    }

    [Fact]
    public async Task ForAPatientOf16_ThePracticeGivesACarerAccess_OnlyHavingCheckedThePatientAgrees()
    {
        using var r = await ReviewSite.StartAsync(site);
        var sixteen = await PatientBornAsync(r, UkTime.Today(r.Site.Clock).AddYears(-16));
        var (_, carer) = await r.Site.SignedInPersonAsync(Role.Proxy, TestSite.UniqueName("carer"));

        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, Url(sixteen));
        Assert.DoesNotContain("Give a parent or guardian access", page);
        Assert.Contains("the patient agrees", page);
        var unchecked_ = await ReviewSite.PostAsync(r.ClinicianClient, Url(sixteen) + "?handler=CarerAccess", page,
            ("CarerUserName", carer.UserName), ("CanFill", "true"));

        Assert.Equal(HttpStatusCode.BadRequest, unchecked_.StatusCode);
        Assert.Contains("Confirm that you have checked the carer may act for the patient", await unchecked_.Content.ReadAsStringAsync());
        Assert.Empty(await r.Site.Store.ListProxyGrantsForPatientAsync(sixteen.Id));

        var confirmed = await ReviewSite.PostAsync(r.ClinicianClient, Url(sixteen) + "?handler=CarerAccess", page,
            ("CarerUserName", carer.UserName), ("CanFill", "true"), ("Confirmed", "true"));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.True(Assert.Single(await r.Site.Store.ListProxyGrantsForPatientAsync(sixteen.Id)).CanFill);
    }

    [Fact]
    public async Task AUserNameThatIsNotACarerAccount_IsRefused_AndGrantsNothing()
    {
        using var r = await ReviewSite.StartAsync(site);
        var child = await PatientBornAsync(r, UkTime.Today(r.Site.Clock).AddYears(-6));

        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, Url(child));
        var response = await ReviewSite.PostAsync(r.ClinicianClient, Url(child) + "?handler=CarerAccess", page,
            ("CarerUserName", r.Patient.UserName), ("CanFill", "true"), ("Confirmed", "true"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("There is no carer account with that user name", await response.Content.ReadAsStringAsync());
        Assert.Empty(await r.Site.Store.ListProxyGrantsForPatientAsync(child.Id));
    }
}
