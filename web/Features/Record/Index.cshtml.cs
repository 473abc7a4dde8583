using HistoryEngine.Web.Features.Shared;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace HistoryEngine.Web.Features.Record;

/// <summary>"My record": what clinicians filed from the patient's submissions, and their messages, newest first.
/// The same page prints cleanly at /print (no navigation, print styles).</summary>
public sealed class IndexModel(SubjectAccess access, IRecordStore store, CarePlanCatalog plans, TimeProvider clock)
    : SubjectPageModel(access)
{
    /// <summary>The filed entries as rows, a blood pressure's two parts as one pair ("145/91 mmHg").</summary>
    public IReadOnlyList<RecordRow> Rows { get; private set; } = [];
    public IReadOnlyList<PatientMessage> Messages { get; private set; } = [];
    public IReadOnlyDictionary<string, string> References { get; private set; } = new Dictionary<string, string>();
    public bool Print { get; private set; }
    /// <summary>The names of the clinicians who added entries directly, by id.</summary>
    public IReadOnlyDictionary<string, string> AddedBy { get; private set; } = new Dictionary<string, string>();

    /// <summary>The titles of the care plans the record has started, linked from the page.</summary>
    public IReadOnlyList<string> Plans { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string subject, string? view, CancellationToken ct)
    {
        if (await AuthorizeAsync(subject, SubjectRight.ViewRecord, ct) is { } refused)
            return refused;
        if (view is not (null or "print"))
            return NotFound();
        Print = view == "print";
        var patientId = Subject.Patient.Id;
        var entries = await store.ListRecordEntriesAsync(patientId, ct: ct);
        Messages = await store.ListMessagesAsync(patientId, ct);
        var submissions = await store.ListSubmissionsForPatientAsync(patientId, ct);
        References = submissions.ToDictionary(s => s.Id, s => s.Reference);
        var filedFrom = entries.Select(e => e.SubmissionId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        Plans = [.. PatientPlans.Active(Subject.Patient, entries, submissions, plans, clock).Select(p => p.Title)];
        var addedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in entries.Where(e => e.IsAddedDirectly).Select(e => e.FiledBy).Distinct())
            addedBy[id] = (await store.GetPersonAsync(id, ct))?.DisplayName ?? "your practice";
        AddedBy = addedBy;
        Rows = RecordRows.Of(entries, submissions.Where(s => filedFrom.Contains(s.Id)).ToDictionary(s => s.Id, s => s.ResultJson));
        // Only the patient reading a message counts as it being read; a carer's look does not.
        if (Subject.IsSelf)
            foreach (var message in Messages.Where(m => m.ReadAt is null))
                await store.MarkMessageReadAsync(message.Id, ct);
        return Page();
    }
}
