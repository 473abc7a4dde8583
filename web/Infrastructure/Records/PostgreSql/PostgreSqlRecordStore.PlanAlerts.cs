using System.Text.Json;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Npgsql;

namespace HistoryEngine.Web.Infrastructure.Records.PostgreSql;

// Care plans' alerts for the practice, and the patients a plan may apply to.
internal sealed partial class PostgreSqlRecordStore
{
    private const string AlertColumns =
        "id, patient_id, plan, plan_title, rule, level, reason, source, key, raised_at, reviewed_at, reviewed_by";

    private static PlanAlert ToAlert(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), (FlagLevel)r.GetInt16(5),
        r.GetString(6), r.GetString(7), r.GetString(8), r.Time(9), r.TimeOrNull(10), r.TextOrNull(11));

    /// <summary>An alert's row, in the order of <see cref="AlertColumns"/>.</summary>
    private static object?[] AlertRow(PlanAlert a) =>
    [
        a.Id, a.PatientId, a.Plan, a.PlanTitle, a.Rule, (short)a.Level, a.Reason, a.Source, a.Key, a.RaisedAt,
        Db.Time(a.ReviewedAt), Db.Text(a.ReviewedBy),
    ];

    private PlanAlert? RaisePlanAlert(Db db, NewPlanAlert a)
    {
        var alert = new PlanAlert(NewId(), a.PatientId, a.Plan, a.PlanTitle, a.Rule, a.Level, a.Reason, a.Source, a.Key,
            Now(), null, null);
        var inserted = db.Execute($"""
            insert into plan_alerts ({AlertColumns}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            on conflict (patient_id, key) do nothing
            """, AlertRow(alert));
        return inserted == 1 ? alert : null;
    }

    private PlanAlert ReviewPlanAlert(Db db, string alertId, string byId)
    {
        var current = db.One($"select {AlertColumns} from plan_alerts where id = $1 for update", ToAlert, alertId)
                      ?? throw new RecordNotFoundException("care plan alert", alertId);
        if (!current.IsOpen)
            throw new RecordConflictException(ConflictKind.StatusMoved, $"Care plan alert {alertId} has already been reviewed.");
        var reviewed = current with { ReviewedAt = Now(), ReviewedBy = byId };
        db.Execute("update plan_alerts set reviewed_at = $2, reviewed_by = $3 where id = $1", alertId, reviewed.ReviewedAt,
            byId);
        return reviewed;
    }

    public Task<IReadOnlyList<PlanAlert>> ListOpenPlanAlertsAsync(int limit, CancellationToken ct = default, string? practiceId = null) =>
        Read<IReadOnlyList<PlanAlert>>(ct, async db => await db.QueryAsync(ct, $"""
            select {AlertColumns} from plan_alerts
            where reviewed_at is null {(practiceId is null ? "" : "and practice_id = $2")}
            order by level desc, raised_at, id collate "C" limit $1
            """, ToAlert, practiceId is null ? [limit] : [limit, practiceId]));

    public Task<IReadOnlyList<PlanAlert>> ListPlanAlertsAsync(string patientId, CancellationToken ct = default) =>
        Read<IReadOnlyList<PlanAlert>>(ct, async db => await db.QueryAsync(ct,
            $"select {AlertColumns} from plan_alerts where patient_id = $1 order by raised_at desc, id collate \"C\"", ToAlert,
            patientId));

    public Task<IReadOnlyList<string>> ListPatientsWithCodesAsync(IReadOnlyCollection<RecordCoding> codes, CancellationToken ct = default)
    {
        if (codes.Count == 0)
            return Task.FromResult<IReadOnlyList<string>>([]);
        // One containment test per code, each answered by the codings' GIN index (migration 0007).
        var tests = string.Join(" or ", codes.Select((_, i) => $"e.codings @> ${i + 1}"));
        var args = codes.Select(c => (object?)Db.Jsonb(JsonSerializer.Serialize(new[] { new { c.System, c.Code } }))).ToArray();
        return Read<IReadOnlyList<string>>(ct, async db => await db.QueryAsync(ct, $"""
            select distinct e.patient_id collate "C" from record_entries e
            where ({tests})
              and not exists (select 1 from record_entries c where c.supersedes_id = e.id)
            order by 1
            """, r => r.GetString(0), args));
    }
}
