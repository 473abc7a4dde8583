using System.Net;
using HistoryEngine.Web.Features.Record;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Site.Review;

/// <summary>Issue 15 point 10: the patient's home page shows the practice's unread messages, counted and listed;
/// opening one marks it read (when the patient opens it, not a carer).</summary>
[Collection(SharedSite.Collection)]
public class UnreadMessagesTests(SharedSite site)
{
    [Fact]
    public async Task UnreadMessages_AreCountedAndListed_AndOpeningOneMarksItRead()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        await r.FileAsync(s, ("accept", "0"), ("value-0", "166"), ("message", "Please book a <review>."));
        await r.Site.Store.AddMessageAsync(new NewMessage(r.Patient.Id, r.Clinician.Id, "Flu clinic", "Book your flu jab.", null));
        var patient = await r.PatientClientAsync();

        var (_, home) = await ReviewSite.GetAsync(patient, "/Patient");

        Assert.Contains("You have 2 unread messages.", home);
        Assert.Contains("Flu clinic", home);
        Assert.Contains($"About your Test blood pressure check ({s.Reference})", home);
        var flu = (await r.Site.Store.ListMessagesAsync(r.Patient.Id)).Single(m => m.Subject == "Flu clinic");

        var (status, page) = await ReviewSite.GetAsync(patient, $"/Messages/{r.Patient.Id}/{flu.Id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Book your flu jab.", page);
        Assert.NotNull((await r.Site.Store.ListMessagesAsync(r.Patient.Id)).Single(m => m.Id == flu.Id).ReadAt);
        Assert.Contains(await r.AuditAsync(), e => e.Action == MessageModel.Opened && e.Details == $"message {flu.Id}");
        (_, home) = await ReviewSite.GetAsync(patient, "/Patient");
        Assert.Contains("You have 1 unread message.", home);
        Assert.DoesNotContain("Flu clinic", home);
        Assert.Contains("Please book a &lt;review&gt;.", (await ReviewSite.GetAsync(patient, (await r.Site.Store.ListMessagesAsync(r.Patient.Id))
            .Single(m => m.Id != flu.Id) is { } filed ? $"/Messages/{r.Patient.Id}/{filed.Id}" : "")).Html);
        (_, home) = await ReviewSite.GetAsync(patient, "/Patient");
        Assert.Contains("You have no unread messages.", home);
    }

    [Fact]
    public async Task AMessageOfAnotherPatient_IsNotFound_AndStaysUnread()
    {
        using var r = await ReviewSite.StartAsync(site);
        var message = await r.Site.Store.AddMessageAsync(new NewMessage(r.Patient.Id, r.Clinician.Id, "Results", "Normal.", null));
        var (other, otherPerson) = await r.Site.SignedInPersonAsync(Role.Patient, TestSite.UniqueName("other"));

        var (asOwn, _) = await ReviewSite.GetAsync(other, $"/Messages/{otherPerson.Id}/{message.Id}");
        var (asTheirs, _) = await ReviewSite.GetAsync(other, $"/Messages/{r.Patient.Id}/{message.Id}");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (asOwn, asTheirs));
        Assert.Null(Assert.Single(await r.Site.Store.ListMessagesAsync(r.Patient.Id)).ReadAt);
    }
}
