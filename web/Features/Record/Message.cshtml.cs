using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace HistoryEngine.Web.Features.Record;

/// <summary>One message from the practice, opened from the home page's unread list: reading it marks it read (when
/// the patient reads it; a carer's look does not count, as on the record page). Audited as opened.</summary>
public sealed class MessageModel(SubjectAccess access, IRecordStore store) : SubjectPageModel(access)
{
    /// <summary>The audit trail's name for a message opened.</summary>
    public const string Opened = "message.opened";

    public PatientMessage Message { get; private set; } = null!;
    /// <summary>The submission the message is about, if any.</summary>
    public Submission? About { get; private set; }

    public async Task<IActionResult> OnGetAsync(string subject, string messageId, CancellationToken ct)
    {
        if (await AuthorizeAsync(subject, SubjectRight.ViewRecord, ct) is { } refused)
            return refused;
        // Another patient's message id gets the same answer as one that does not exist.
        if ((await store.ListMessagesAsync(Subject.Patient.Id, ct)).FirstOrDefault(m => m.Id == messageId) is not { } message)
            return NotFound();
        if (Subject.IsSelf && message.ReadAt is null)
            message = await store.MarkMessageReadAsync(message.Id, ct);
        Message = message;
        if (message.SubmissionId is { } about && await store.GetSubmissionAsync(about, ct) is { } submission
            && submission.PatientId == Subject.Patient.Id)
            About = submission;
        await store.AppendAuditAsync(new AuditEntry(Subject.ActorId, Opened, Subject.Patient.Id, $"message {message.Id}"), ct);
        return Page();
    }
}
