using HistoryEngine.Web.Infrastructure.Records.Model;
using LiteDB;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

// Care plans' alerts for the practice, and the patients a plan may apply to.
internal sealed partial class LiteDbRecordStore
{
    private PlanAlert? RaisePlanAlert(NewPlanAlert a)
    {
        // One process holds a LiteDB file and its writes run one at a time (the write gate), so looking first is safe.
        if (Collection(PlanAlerts).Find(Bson.Eq("key", a.Key)).Any(d => d["patientId"].AsString == a.PatientId))
            return null;
        var alert = new PlanAlert(NewId(), a.PatientId, a.Plan, a.PlanTitle, a.Rule, a.Level, a.Reason, a.Source, a.Key,
            Now(), null, null);
        Collection(PlanAlerts).Insert(ToDocument(alert));
        return alert;
    }

    private PlanAlert ReviewPlanAlert(string alertId, string byId)
    {
        var current = FindById(Collection(PlanAlerts), alertId) is { } doc
            ? ToAlert(doc)
            : throw new RecordNotFoundException("care plan alert", alertId);
        if (!current.IsOpen)
            throw new RecordConflictException(ConflictKind.StatusMoved, $"Care plan alert {alertId} has already been reviewed.");
        var reviewed = current with { ReviewedAt = Now(), ReviewedBy = byId };
        Collection(PlanAlerts).Update(ToDocument(reviewed));
        return reviewed;
    }

    public Task<IReadOnlyList<PlanAlert>> ListOpenPlanAlertsAsync(int limit, CancellationToken ct = default, string? practiceId = null) =>
        Read<IReadOnlyList<PlanAlert>>(ct, () =>
        {
            var patients = PeopleOf(practiceId);
            return Collection(PlanAlerts).Find(Query.EQ("reviewedAt", BsonValue.Null))
                .Select(ToAlert)
                .Where(a => patients is null || patients.Contains(a.PatientId))
                .OrderByDescending(a => a.Level).ThenBy(a => a.RaisedAt).ThenBy(a => a.Id, StringComparer.Ordinal)
                .Take(limit).ToList();
        });

    public Task<IReadOnlyList<PlanAlert>> ListPlanAlertsAsync(string patientId, CancellationToken ct = default) =>
        Read<IReadOnlyList<PlanAlert>>(ct, () => Collection(PlanAlerts).Find(Bson.Eq("patientId", patientId))
            .Select(ToAlert)
            .OrderByDescending(a => a.RaisedAt).ThenBy(a => a.Id, StringComparer.Ordinal).ToList());

    public Task<IReadOnlyList<string>> ListPatientsWithCodesAsync(IReadOnlyCollection<RecordCoding> codes, CancellationToken ct = default) =>
        Read<IReadOnlyList<string>>(ct, () =>
        {
            if (codes.Count == 0)
                return [];
            var wanted = codes.Select(c => (c.System, c.Code)).ToHashSet();
            // Candidates by any of their codings' codes (a multi-key index); the test below decides.
            var found = codes.Select(c => c.Code).Distinct()
                .SelectMany(code => Collection(Entries).Find(BsonExpression.Create("$.codings[*].code ANY = @0", new BsonValue(code))))
                .Select(ToEntry)
                .Where(e => e.Codings.Any(c => wanted.Contains((c.System, c.Code))))
                .DistinctBy(e => e.Id)
                .ToList();
            var superseded = found.Count == 0
                ? []
                : Collection(Entries).Find(Query.In("supersedesId", found.Select(e => new BsonValue(e.Id))))
                    .Select(d => d["supersedesId"].AsString).ToHashSet(StringComparer.Ordinal);
            return found.Where(e => !superseded.Contains(e.Id)).Select(e => e.PatientId).Distinct()
                .Order(StringComparer.Ordinal).ToList();
        });

    private static BsonDocument ToDocument(PlanAlert a) => new()
    {
        ["_id"] = a.Id,
        ["patientId"] = a.PatientId,
        ["plan"] = a.Plan,
        ["planTitle"] = a.PlanTitle,
        ["rule"] = a.Rule,
        ["level"] = (int)a.Level,
        ["reason"] = a.Reason,
        ["source"] = a.Source,
        ["key"] = a.Key,
        ["raisedAt"] = Bson.Time(a.RaisedAt),
        ["reviewedAt"] = Bson.Time(a.ReviewedAt),
        ["reviewedBy"] = a.ReviewedBy is null ? BsonValue.Null : a.ReviewedBy,
    };

    private static PlanAlert ToAlert(BsonDocument d) => new(
        d["_id"].AsString,
        d["patientId"].AsString,
        d["plan"].AsString,
        d["planTitle"].AsString,
        d["rule"].AsString,
        (FlagLevel)d["level"].AsInt32,
        d["reason"].AsString,
        d["source"].AsString,
        d["key"].AsString,
        Bson.ReadTime(d["raisedAt"]),
        d["reviewedAt"].IsNull ? null : Bson.ReadTime(d["reviewedAt"]),
        d["reviewedBy"].IsNull ? null : d["reviewedBy"].AsString);
}
