using HistoryEngine.Web.Features.Clinician.Filing;
using HistoryEngine.Web.Features.Shared.Answering;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Records;

// One use case, one transaction: every write of a unit of work lands, or none does.
public abstract partial class RecordStoreContract
{
    [Fact]
    public async Task AUnitOfWorkThatFails_LeavesNothingBehind_NotEvenItsFirstWrites()
    {
        var patient = await AddPatientAsync();
        var submission = await AddSubmissionAsync(patient.Id);
        var auditBefore = (await Store.ListAuditAsync(null, 100)).Count;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.WriteAsync<int>(w =>
        {
            w.FileSubmission(submission.Id, "clinician-1", [Entry(patient.Id)]);
            w.AppendAudit(new AuditEntry("clinician-1", "submission.filed", patient.Id, "filed"));
            throw new InvalidOperationException("the machine stopped here");
        }));

        Assert.Empty(await Store.ListRecordEntriesAsync(patient.Id));
        Assert.Equal(SubmissionStatus.New, (await Store.GetSubmissionAsync(submission.Id))!.Status);
        Assert.Equal(auditBefore, (await Store.ListAuditAsync(null, 100)).Count);
        Assert.True((await Store.VerifyAuditAsync()).IsIntact);
    }

    [Fact]
    public async Task FilingASubmission_WritesEntriesStatusAuditAndMessage_Together()
    {
        var patient = await AddPatientAsync();
        var submission = await AddSubmissionAsync(patient.Id);

        await FileSubmission.RunAsync(Store, submission, "clinician-1", [Entry(patient.Id)], edited: 0,
            ("About your diary", "Your average is fine."), CancellationToken.None);

        Assert.Single(await Store.ListRecordEntriesAsync(patient.Id));
        Assert.Equal(SubmissionStatus.Filed, (await Store.GetSubmissionAsync(submission.Id))!.Status);
        Assert.Equal("Your average is fine.", Assert.Single(await Store.ListMessagesAsync(patient.Id)).Body);
        var audit = await Store.ListAuditAsync(patient.Id, 10);
        Assert.Contains(audit, e => e.Action == Features.Clinician.ReviewAudit.Filed);
        Assert.Contains(audit, e => e.Action == Features.Clinician.ReviewAudit.MessageSent);
    }

    [Fact]
    public async Task FilingASubmissionFiledMeanwhile_WritesNothing_NotEvenTheMessage()
    {
        var patient = await AddPatientAsync();
        var submission = await AddSubmissionAsync(patient.Id);
        await Store.FileSubmissionAsync(submission.Id, "clinician-2", []);

        await Assert.ThrowsAsync<RecordConflictException>(() => FileSubmission.RunAsync(Store, submission, "clinician-1",
            [Entry(patient.Id)], edited: 0, ("About your diary", "Filed."), CancellationToken.None));

        Assert.Empty(await Store.ListRecordEntriesAsync(patient.Id));
        Assert.Empty(await Store.ListMessagesAsync(patient.Id));
    }

    [Fact]
    public async Task SubmittingADraft_CompletesWhatThePracticeAskedFor_AndAuditsIt_Together()
    {
        var assignment = await Store.AddAssignmentAsync(new NewAssignment("p1", Bp.Id, null, "clinician-1"));
        var draft = await Store.SaveDraftAsync(new DraftChange("p1", Bp, """{"a":1}""", "p1"), 0);

        var done = await SubmitDraft.RunAsync(Store, FromDraft("p1"), draft.Key, draft.Revision, "1.0.0", CancellationToken.None);

        Assert.True(done.IsNew);
        Assert.Equal(AssignmentStatus.Completed, Assert.Single(await Store.ListAssignmentsAsync("p1"), a => a.Id == assignment.Id).Status);
        Assert.Single(await Store.ListAuditAsync("p1", 10), e => e.Action == "submission.sent" && e.Details!.StartsWith(done.Submission.Reference));
        // The same draft again: the first submission, and nothing written twice.
        var again = await SubmitDraft.RunAsync(Store, FromDraft("p1"), draft.Key, draft.Revision, "1.0.0", CancellationToken.None);
        Assert.False(again.IsNew);
        Assert.Single(await Store.ListAuditAsync("p1", 10), e => e.Action == "submission.sent");
    }

    [Fact]
    public async Task ReturningANewSubmission_MovesItThroughReview_SendsTheMessage_AndAsksAgain_Together()
    {
        var patient = await AddPatientAsync();
        var submission = await AddSubmissionAsync(patient.Id);
        var due = new DateOnly(2026, 3, 15);

        await ReturnSubmission.RunAsync(Store, submission, "clinician-1", ("About your diary", "Please add two more days."), due,
            CancellationToken.None);

        var now = (await Store.GetSubmissionAsync(submission.Id))!;
        Assert.Equal([SubmissionStatus.New, SubmissionStatus.InReview, SubmissionStatus.Returned], now.History.Select(h => h.To));
        Assert.Equal("Please add two more days.", Assert.Single(await Store.ListMessagesAsync(patient.Id)).Body);
        var asked = Assert.Single(await Store.ListAssignmentsAsync(patient.Id));
        Assert.Equal((submission.Questionnaire.Id, (DateOnly?)due, AssignmentStatus.Open), (asked.QuestionnaireId, asked.DueDate, asked.Status));
        var audit = await Store.ListAuditAsync(patient.Id, 10);
        Assert.Equal(2, audit.Count(e => e.Action == Features.Clinician.ReviewAudit.StatusChanged));
        Assert.Contains(audit, e => e.Action == Features.Clinician.ReviewAudit.MessageSent);
        Assert.Contains(audit, e => e.Action == Features.Clinician.ReviewAudit.Assigned);
    }

    [Fact]
    public async Task ReturningASubmissionFiledMeanwhile_WritesNothing_NotTheMessage_NorTheRequest()
    {
        var patient = await AddPatientAsync();
        var submission = await AddSubmissionAsync(patient.Id);
        await Store.FileSubmissionAsync(submission.Id, "clinician-2", []);
        var auditBefore = (await Store.ListAuditAsync(null, 100)).Count;

        await Assert.ThrowsAsync<RecordConflictException>(() => ReturnSubmission.RunAsync(Store, submission, "clinician-1",
            ("About your diary", "More please."), new DateOnly(2026, 3, 15), CancellationToken.None));

        Assert.Equal(SubmissionStatus.Filed, (await Store.GetSubmissionAsync(submission.Id))!.Status);
        Assert.Empty(await Store.ListMessagesAsync(patient.Id));
        Assert.Empty(await Store.ListAssignmentsAsync(patient.Id));
        Assert.Equal(auditBefore, (await Store.ListAuditAsync(null, 100)).Count);
    }

    [Fact]
    public async Task ClosingASubmission_AuditsTheReason_WithTheMessage_Together()
    {
        var patient = await AddPatientAsync();
        var submission = await AddSubmissionAsync(patient.Id);

        await CloseSubmission.RunAsync(Store, submission, "clinician-1", "Duplicate of an earlier request",
            ("About your diary", "We have this already."), CancellationToken.None);

        Assert.Equal(SubmissionStatus.Closed, (await Store.GetSubmissionAsync(submission.Id))!.Status);
        Assert.Single(await Store.ListMessagesAsync(patient.Id));
        Assert.Contains(await Store.ListAuditAsync(patient.Id, 10),
            e => e.Action == Features.Clinician.ReviewAudit.StatusChanged && e.Details!.EndsWith(": Duplicate of an earlier request"));
    }

    [Fact]
    public async Task CorrectingAnEntryCorrectedMeanwhile_WritesNeitherTheCorrectionNorItsAudit()
    {
        var patient = await AddPatientAsync();
        var submission = await AddSubmissionAsync(patient.Id);
        await Store.FileSubmissionAsync(submission.Id, "clinician-1", [Entry(patient.Id)]);
        var old = Assert.Single(await Store.ListRecordEntriesAsync(patient.Id));
        await CorrectEntry.RunAsync(Store, old, Entry(patient.Id), "typed wrongly", CancellationToken.None);
        var auditBefore = (await Store.ListAuditAsync(null, 100)).Count;

        await Assert.ThrowsAsync<RecordConflictException>(() => CorrectEntry.RunAsync(Store, old, Entry(patient.Id), "again", CancellationToken.None));

        Assert.Equal(2, (await Store.ListRecordEntriesAsync(patient.Id, includeSuperseded: true)).Count);
        Assert.Equal(auditBefore, (await Store.ListAuditAsync(null, 100)).Count);
    }
}
