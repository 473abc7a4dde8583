using HistoryEngine.Web.Infrastructure.Records.Model;
using LiteDB;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

internal sealed partial class LiteDbRecordStore
{
    public Task<Submission> AddSubmissionAsync(NewSubmission s, CancellationToken ct = default) =>
        Write(ct, () => InsertSubmission(s));

    private Submission InsertSubmission(NewSubmission s)
    {
        var reference = SubmissionReference.Create();
        // A repeat is very unlikely (10^11 values), but the unique index would refuse it: draw again instead.
        while (Collection(Submissions).Exists(Bson.Eq("reference", reference)))
            reference = SubmissionReference.Create();
        var now = Now();
        var submission = new Submission(NewId(), reference, s.PatientId, s.AnsweredById, s.Questionnaire,
            s.AnswersJson, s.ResultJson, s.HighestFlag, SubmissionStatus.New, now,
            [new StatusChange(null, SubmissionStatus.New, s.AnsweredById, now, null)]) { RepliesTo = s.RepliesTo };
        Collection(Submissions).Insert(ToDocument(submission));
        return submission;
    }

    public Task<Submission?> GetSubmissionAsync(string id, CancellationToken ct = default) =>
        Read(ct, () => FindById(Collection(Submissions), id) is { } doc ? ToSubmission(doc) : null);

    public Task<Submission?> FindSubmissionByReferenceAsync(string reference, CancellationToken ct = default) =>
        Read(ct, () => Collection(Submissions).FindOne(Bson.Eq("reference", SubmissionReference.Normalise(reference)))
            is { } doc ? ToSubmission(doc) : null);

    public Task<IReadOnlyList<Submission>> ListSubmissionsForPatientAsync(string patientId,
        CancellationToken ct = default) => Read<IReadOnlyList<Submission>>(ct, () =>
        Collection(Submissions).Find(Bson.Eq("patientId", patientId))
            .Select(ToSubmission).OrderByDescending(s => s.SubmittedAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToList());

    public Task<IReadOnlyList<QueuedSubmission>> ListQueueAsync(IReadOnlyCollection<SubmissionStatus> statuses,
        int limit, CancellationToken ct = default, string? practiceId = null) => Read<IReadOnlyList<QueuedSubmission>>(ct, () =>
    {
        if (statuses.Count == 0 || limit <= 0)
            return [];
        var patients = PeopleOf(practiceId);
        // The queue index keeps each status's submissions in queue order, so the first page reads at most `limit`
        // documents per status instead of every waiting submission; the same ordering then merges the statuses.
        var page = statuses.Distinct()
            .SelectMany(status => Collection(Submissions).Query()
                .Where(BsonExpression.Create(QueueKey + " BETWEEN @0 AND @1", status + "0", status + "A"))
                .OrderBy(QueueKey)
                .ToEnumerable()
                .Where(d => patients is null || patients.Contains(d["patientId"].AsString))
                .Take(limit))
            .Select(d => (Document: d, Flag: (FlagLevel)d["flag"].AsInt32, At: Bson.ReadTime(d["submittedAt"]), Id: d["_id"].AsString))
            .OrderByDescending(x => x.Flag).ThenBy(x => x.At).ThenBy(x => x.Id, StringComparer.Ordinal)
            .Take(limit).ToList();
        var people = new Dictionary<string, QueuedPatient?>(StringComparer.Ordinal);
        QueuedPatient? PatientOf(string id)
        {
            if (!people.TryGetValue(id, out var patient))
                people[id] = patient = FindById(Collection(People), id) is { } doc && ToPerson(doc) is var p
                    ? new QueuedPatient(p.DisplayName, p.DateOfBirth, p.NhsNumber) : null;
            return patient;
        }
        return [.. page.Select(x => new QueuedSubmission(x.Id, x.Document["reference"].AsString, x.Document["patientId"].AsString,
            ToQuestionnaireRef(x.Document["questionnaire"].AsDocument), x.Flag,
            Bson.ReadEnum<SubmissionStatus>(x.Document["status"]), x.At,
            QueueReason.Of(x.Document["result"].AsString, x.Flag), PatientOf(x.Document["patientId"].AsString)))];
    });

    public Task<WaitingSummary> SummariseWaitingAsync(CancellationToken ct = default, string? practiceId = null) => Read(ct, () =>
    {
        var patients = PeopleOf(practiceId);
        // Only the fields the summary needs are read, through the status index.
        var waiting = Collection(Submissions).Query()
            .Where(BsonExpression.Create("status = @0 OR status = @1", Bson.Enum(SubmissionStatus.New), Bson.Enum(SubmissionStatus.InReview)))
            .Select(BsonExpression.Create("{ flag: $.flag, submittedAt: $.submittedAt, patientId: $.patientId }"))
            .ToEnumerable()
            .Where(d => patients is null || patients.Contains(d["patientId"].AsString))
            .Select(d => (Level: (FlagLevel)d["flag"].AsInt32, At: Bson.ReadTime(d["submittedAt"])));
        return new WaitingSummary([.. waiting.GroupBy(w => w.Level).OrderByDescending(g => g.Key)
            .Select(g => new WaitingLevel(g.Key, g.Count(), g.Min(w => w.At)))]);
    });

    // The review queue's order as one string per submission, status then digits only: 9 - flag, then the time it was
    // submitted (UTC, to the millisecond), e.g. "New520260301093000123". Ascending is highest flag first, then oldest
    // first, within each status; a status's keys lie between status + "0" and status + "A" whatever the collation
    // (digits sort before letters in every culture; no status name starts another).
    private const string QueueIndex = "queue";
    private const string QueueKey = "($.status + STRING(9 - $.flag) + FORMAT($.submittedAt, 'yyyyMMddHHmmssfff'))";

    private Submission ChangeStatus(string submissionId, SubmissionStatus expected, SubmissionStatus next, string byId,
        string? note, PageIds? pages)
    {
        var current = LoadSubmission(submissionId);
        SubmissionWorkflow.EnsureCanMove(current, expected, next);
        var updated = WithStatus(current, next, byId, note, pages);
        Collection(Submissions).Update(ToDocument(updated));
        return updated;
    }

    private Submission FileEntries(string submissionId, string filedBy, IReadOnlyList<NewRecordEntry> entries)
    {
        var current = LoadSubmission(submissionId);
        SubmissionWorkflow.EnsureCanFile(current, entries);
        foreach (var entry in entries)
            InsertEntry(entry with { SubmissionId = current.Id, FiledBy = filedBy }, supersedesId: null);
        var updated = WithStatus(current, SubmissionStatus.Filed, filedBy, null);
        Collection(Submissions).Update(ToDocument(updated));
        return updated;
    }

    private Submission LoadSubmission(string id) =>
        FindById(Collection(Submissions), id) is { } doc ? ToSubmission(doc) : throw new RecordNotFoundException("submission", id);

    private Submission WithStatus(Submission s, SubmissionStatus next, string byId, string? note, PageIds? pages = null) =>
        s with { Status = next, History = [.. s.History, new StatusChange(s.Status, next, byId, Now(), note) { Pages = pages ?? PageIds.None }] };

    private static BsonDocument ToDocument(Submission s)
    {
        var doc = SubmissionDocument(s);
        if (s.RepliesTo is { } answered)
            doc["repliesTo"] = answered;
        return doc;
    }

    private static BsonDocument HistoryStep(StatusChange h)
    {
        var step = new BsonDocument
        {
            ["from"] = h.From is { } from ? Bson.Enum(from) : BsonValue.Null,
            ["to"] = Bson.Enum(h.To),
            ["by"] = h.ById,
            ["at"] = Bson.Time(h.At),
            ["note"] = Bson.Text(h.Note),
        };
        // What a return asked about; steps without it (and those written before it existed) have no "pages".
        if (h.Pages.Count > 0)
            step["pages"] = new BsonArray(h.Pages.Select(p => new BsonValue(p)));
        return step;
    }

    private static BsonDocument SubmissionDocument(Submission s) => new()
    {
        ["_id"] = s.Id,
        ["reference"] = s.Reference,
        ["patientId"] = s.PatientId,
        ["answeredById"] = s.AnsweredById,
        ["questionnaire"] = ToDocument(s.Questionnaire),
        ["answers"] = s.AnswersJson,
        ["result"] = s.ResultJson,
        ["flag"] = (int)s.HighestFlag,
        ["status"] = Bson.Enum(s.Status),
        ["submittedAt"] = Bson.Time(s.SubmittedAt),
        ["history"] = new BsonArray(s.History.Select(h => (BsonValue)HistoryStep(h))),
    };

    private static Submission ToSubmission(BsonDocument d) => new(
        d["_id"].AsString,
        d["reference"].AsString,
        d["patientId"].AsString,
        d["answeredById"].AsString,
        ToQuestionnaireRef(d["questionnaire"].AsDocument),
        d["answers"].AsString,
        d["result"].AsString,
        (FlagLevel)d["flag"].AsInt32,
        Bson.ReadEnum<SubmissionStatus>(d["status"]),
        Bson.ReadTime(d["submittedAt"]),
        d["history"].AsArray.Select(v => v.AsDocument).Select(h => new StatusChange(
            h["from"].IsNull ? null : Bson.ReadEnum<SubmissionStatus>(h["from"]),
            Bson.ReadEnum<SubmissionStatus>(h["to"]),
            h["by"].AsString,
            Bson.ReadTime(h["at"]),
            Bson.ReadText(h["note"]))
        {
            Pages = h.TryGetValue("pages", out var pages) && pages.IsArray ? new PageIds(pages.AsArray.Select(p => p.AsString)) : PageIds.None,
        }).ToList())
    {
        RepliesTo = d.TryGetValue("repliesTo", out var answered) && answered.IsString ? answered.AsString : null,
    };
}
