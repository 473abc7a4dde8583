using System.Net;
using HistoryEngine.Web.Features.Clinician;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Site.Review;

[Collection(SharedSite.Collection)]
public class FilingTests(SharedSite site)
{
    private readonly string _intruder = TestSite.UniqueName("intruder");
    private readonly string _drpatel = TestSite.UniqueName("drpatel");

    private static readonly (string, string)[] FileBoth = [("accept", "0"), ("accept", "1"), ("value-0", "166"), ("value-1", "91")];

    [Fact]
    public async Task File_TickedEntries_GoIntoTheRecordWithProvenance_AndTheMessageReachesThePatient()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());

        var response = await r.FileAsync(s, [("accept", "0"), ("value-0", "168"), ("value-1", "91"), ("message", "Please book a review <soon>")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var entry = Assert.Single(await r.Site.Store.ListRecordEntriesAsync(r.Patient.Id));
        Assert.Equal(("407554009", "168", "mm[Hg]"), (entry.Code, entry.Value, entry.Unit));
        Assert.Equal((r.Clinician.Id, s.Id), (entry.FiledBy, entry.SubmissionId));
        Assert.Equal($"test-bp {s.Questionnaire.Version} ({s.Questionnaire.ContentHash[..12]})", entry.QuestionnaireVersion);
        Assert.Equal(SubmissionStatus.Filed, (await r.Site.Store.GetSubmissionAsync(s.Id))!.Status);
        var message = Assert.Single(await r.Site.Store.ListMessagesAsync(r.Patient.Id));
        Assert.Equal("Please book a review <soon>", message.Body);
        var audit = await r.AuditAsync();
        Assert.Contains(audit, e => e.Action == ReviewAudit.Filed && e.Details!.Contains("1 entries filed (1 edited)"));
        Assert.Contains(audit, e => e.Action == ReviewAudit.MessageSent);

        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, response.Headers.Location!.OriginalString);
        Assert.Contains("Filed into the patient&#x27;s record.", page);
        Assert.Contains("Filed from this submission", page);
        Assert.DoesNotContain("File ticked entries", page);
    }

    [Theory]
    [InlineData("400", "must be between 50 and 300")]
    [InlineData("12", "must be between 50 and 300")]
    [InlineData("one hundred", "must be a number")]
    [InlineData("150.5", "must be a whole number")]
    [InlineData("", "Enter a value")]
    [InlineData("20 kPa", "&#x27;kPa&#x27; is a different unit")]
    public async Task File_WithAValueOutOfRangeOrOfTheWrongTypeOrUnit_SaysWhy_AndFilesNothing(string value, string message)
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());

        var response = await r.FileAsync(s, [("accept", "0"), ("accept", "1"), ("value-0", value), ("value-1", "91")]);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("There is a problem", html);
        Assert.Contains(message, html);
        Assert.Empty(await r.Site.Store.ListRecordEntriesAsync(r.Patient.Id));
        Assert.Equal(SubmissionStatus.New, (await r.Site.Store.GetSubmissionAsync(s.Id))!.Status);
    }

    [Fact]
    public async Task File_WithAPostedUnitThatIsNotTheEntrysUnit_IsRefused()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());

        var response = await r.FileAsync(s, [("accept", "0"), ("value-0", "166"), ("unit-0", "kPa")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is recorded in mmHg, not &#x27;kPa&#x27;", await response.Content.ReadAsStringAsync());
        Assert.Empty(await r.Site.Store.ListRecordEntriesAsync(r.Patient.Id));
    }

    [Fact]
    public async Task File_NamingAnEntryTheSubmissionDidNotPropose_FilesNothing()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());

        var response = await r.FileAsync(s, [("accept", "0"), ("accept", "7"), ("value-0", "166"), ("value-7", "1")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await r.Site.Store.ListRecordEntriesAsync(r.Patient.Id));
    }

    [Fact]
    public async Task File_Twice_TheSecondIsRefusedPlainly_AndNothingIsFiledTwice()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        await r.FileAsync(s, FileBoth);

        var again = await r.FileAsync(s, FileBoth);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains($"already filed by {r.Clinician.DisplayName}", await again.Content.ReadAsStringAsync());
        Assert.Equal(2, (await r.Site.Store.ListRecordEntriesAsync(r.Patient.Id)).Count);
    }

    [Fact]
    public async Task File_AReplayedPost_SameTokenAndForm_FilesNothingTheSecondTime()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, ReviewSite.Url(s));
        var url = ReviewSite.Url(s) + "?handler=File";
        (string, string)[] form = [.. FileBoth, ("message", "Filed, thank you")];

        var first = await ReviewSite.PostAsync(r.ClinicianClient, url, page, form);
        var replay = await ReviewSite.PostAsync(r.ClinicianClient, url, page, form);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Equal(2, (await r.Site.Store.ListRecordEntriesAsync(r.Patient.Id)).Count);
        Assert.Single(await r.Site.Store.ListMessagesAsync(r.Patient.Id));
    }

    [Fact]
    public async Task File_TwoCliniciansAtOnce_ExactlyOneSucceeds_TheOtherIsToldPlainly()
    {
        using var r = await ReviewSite.StartAsync(site);
        var other = await r.Site.SignedInAsync(Role.Clinician, _drpatel);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        var (_, mine) = await ReviewSite.GetAsync(r.ClinicianClient, ReviewSite.Url(s));
        var (_, theirs) = await ReviewSite.GetAsync(other, ReviewSite.Url(s));
        var url = ReviewSite.Url(s) + "?handler=File";

        var responses = await Task.WhenAll(
            ReviewSite.PostAsync(r.ClinicianClient, url, mine, FileBoth),
            ReviewSite.PostAsync(other, url, theirs, FileBoth));

        Assert.Single(responses, x => x.StatusCode == HttpStatusCode.Redirect);
        var loser = Assert.Single(responses, x => x.StatusCode == HttpStatusCode.Conflict);
        Assert.Contains("Nothing was done: this submission was already filed by", await loser.Content.ReadAsStringAsync());
        Assert.Equal(2, (await r.Site.Store.ListRecordEntriesAsync(r.Patient.Id)).Count);
    }

    [Fact]
    public async Task Return_AsksThePatientForMore_TheySeeTheMessageAndAreAskedAgain_AndFilingIsThenRefused()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, ReviewSite.Url(s));

        var returned = await ReviewSite.PostAsync(r.ClinicianClient, ReviewSite.Url(s) + "?handler=Return", page,
            ("message", "Please take two more readings tomorrow morning."));
        var file = await ReviewSite.PostAsync(r.ClinicianClient, ReviewSite.Url(s) + "?handler=File", page, FileBoth);

        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, file.StatusCode);
        Assert.Contains("returned to the patient", await file.Content.ReadAsStringAsync());
        Assert.Empty(await r.Site.Store.ListRecordEntriesAsync(r.Patient.Id));
        Assert.Equal(SubmissionStatus.Returned, (await r.Site.Store.GetSubmissionAsync(s.Id))!.Status);
        var assignment = Assert.Single(await r.Site.Store.ListAssignmentsAsync(r.Patient.Id));
        Assert.Equal("test-bp", assignment.QuestionnaireId);

        var patient = r.Site.Browser();
        await r.Site.SignInAsync(patient, r.Patient.UserName, withCode: false);
        var home = await patient.GetStringAsync("/Patient");
        var record = await patient.GetStringAsync($"/Record/{r.Patient.Id}");
        Assert.Contains("Your practice has asked you to check it", home);
        Assert.Contains("Test blood pressure check", home);
        Assert.Contains("Please take two more readings tomorrow morning.", record);
    }

    [Fact]
    public async Task Return_WithoutAMessage_IsRefused()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, ReviewSite.Url(s));

        var returned = await ReviewSite.PostAsync(r.ClinicianClient, ReviewSite.Url(s) + "?handler=Return", page, ("message", " "));

        Assert.Equal(HttpStatusCode.BadRequest, returned.StatusCode);
        Assert.Equal(SubmissionStatus.New, (await r.Site.Store.GetSubmissionAsync(s.Id))!.Status);
    }

    [Fact]
    public async Task Close_WithoutFiling_ThenFilingOrClosingAgainIsRefused()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, ReviewSite.Url(s));

        var closed = await ReviewSite.PostAsync(r.ClinicianClient, ReviewSite.Url(s) + "?handler=Close", page, ("reason", "Duplicate of yesterday's"),
            ("dealtWith", "known"), ("confirm", "yes"));
        var file = await ReviewSite.PostAsync(r.ClinicianClient, ReviewSite.Url(s) + "?handler=File", page, FileBoth);
        var again = await ReviewSite.PostAsync(r.ClinicianClient, ReviewSite.Url(s) + "?handler=Close", page);

        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, file.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var now = (await r.Site.Store.GetSubmissionAsync(s.Id))!;
        Assert.Equal(SubmissionStatus.Closed, now.Status);
        Assert.StartsWith("Duplicate of yesterday's. Urgent flag dealt with (confirmed): ", now.History[^1].Note);
        Assert.Empty(await r.Site.Store.ListRecordEntriesAsync(r.Patient.Id));
    }

    [Fact]
    public async Task Close_AFiledSubmission_IsRefused_AndItStaysFiled()
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        var (_, page) = await ReviewSite.GetAsync(r.ClinicianClient, ReviewSite.Url(s));
        await ReviewSite.PostAsync(r.ClinicianClient, ReviewSite.Url(s) + "?handler=File", page, FileBoth);

        var close = await ReviewSite.PostAsync(r.ClinicianClient, ReviewSite.Url(s) + "?handler=Close", page);
        var giveBack = await ReviewSite.PostAsync(r.ClinicianClient, ReviewSite.Url(s) + "?handler=Return", page, ("message", "more"));

        Assert.Equal(HttpStatusCode.Conflict, close.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, giveBack.StatusCode);
        Assert.Equal(SubmissionStatus.Filed, (await r.Site.Store.GetSubmissionAsync(s.Id))!.Status);
        Assert.Empty(await r.Site.Store.ListMessagesAsync(r.Patient.Id));
    }

    [Theory]
    [InlineData(Role.Patient)]
    [InlineData(Role.Proxy)]
    [InlineData(Role.Admin)]
    public async Task NotAClinician_CannotOpenOrDecide_AndNothingChanges(Role role)
    {
        using var r = await ReviewSite.StartAsync(site);
        var s = await r.SubmitAsync("test-bp", ReviewSite.SevereBp());
        var intruder = await r.Site.SignedInAsync(role, _intruder);
        if (role == Role.Proxy)
        {
            var grant = await r.Site.Store.AddProxyGrantAsync(r.Patient.Id, (await r.Site.Store.FindPersonByUserNameAsync(_intruder))!.Id, true, true);
            Assert.True(grant.IsActive);
        }
        // A real token of their own, from the sign-out form on their home page: the refusal must come from the role.
        var token = Forms.AntiforgeryToken(await intruder.GetStringAsync(Features.HomePages.For(role)));

        var view = await intruder.GetAsync(ReviewSite.Url(s));
        var posts = new List<HttpResponseMessage>();
        foreach (var handler in new[] { "File", "Return", "Close" })
            posts.Add(await intruder.PostAsync(ReviewSite.Url(s) + "?handler=" + handler, new FormUrlEncodedContent(
                [new("__RequestVerificationToken", token), new("accept", "0"), new("value-0", "166"), new("message", "hi")])));

        Assert.NotEqual(HttpStatusCode.OK, view.StatusCode);
        Assert.All(posts, p => Assert.True(p.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest,
            $"{p.StatusCode} {p.Headers.Location}"));
        Assert.All(posts.Where(p => p.StatusCode == HttpStatusCode.Redirect), p => Assert.Contains("AccessDenied", p.Headers.Location!.OriginalString));
        var now = (await r.Site.Store.GetSubmissionAsync(s.Id))!;
        Assert.Equal(SubmissionStatus.New, now.Status);
        Assert.Empty(await r.Site.Store.ListRecordEntriesAsync(r.Patient.Id));
        Assert.Empty(await r.Site.Store.ListMessagesAsync(r.Patient.Id));
    }
}
