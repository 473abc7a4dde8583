using HistoryEngine.Web.Infrastructure.Records.Model;
using Npgsql;

namespace HistoryEngine.Web.Infrastructure.Records.PostgreSql;

// Proxy grants, questionnaire assignments, visits and ended sessions.
internal sealed partial class PostgreSqlRecordStore
{
    private const string GrantColumns = "id, patient_id, carer_id, can_fill, can_view_record, granted_at, revoked_at, expires_at";

    private static ProxyGrant ToGrant(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetBoolean(3), r.GetBoolean(4), r.Time(5), r.TimeOrNull(6))
    {
        ExpiresAt = r.TimeOrNull(7),
    };

    public Task<ProxyGrant> AddProxyGrantAsync(string patientId, string carerId, bool canFill, bool canViewRecord,
        CancellationToken ct = default, DateTimeOffset? expiresAt = null) =>
        Write(ct, db => AddGrant(db, patientId, carerId, canFill, canViewRecord, expiresAt));

    /// <summary>A grant's row, in the order of <see cref="GrantColumns"/>.</summary>
    private static object?[] GrantRow(ProxyGrant g) =>
        [g.Id, g.PatientId, g.CarerId, g.CanFill, g.CanViewRecord, g.GrantedAt, Db.Time(g.RevokedAt), Db.Time(g.ExpiresAt)];

    private ProxyGrant AddGrant(Db db, string patientId, string carerId, bool canFill, bool canViewRecord, DateTimeOffset? expiresAt) =>
        // One active grant per patient and carer (a unique index on the unrevoked ones): granting again changes it.
        db.One($"""
            insert into proxy_grants ({GrantColumns}) values ($1, $2, $3, $4, $5, $6, null, $7)
            on conflict (patient_id, carer_id) where revoked_at is null
            do update set can_fill = excluded.can_fill, can_view_record = excluded.can_view_record, expires_at = excluded.expires_at
            returning {GrantColumns}
            """, ToGrant, NewId(), patientId, carerId, canFill, canViewRecord, Now(),
            Db.Time(expiresAt))!;

    public Task<ProxyGrant> RevokeProxyGrantAsync(string grantId, CancellationToken ct = default) => Write(ct, db =>
    {
        var grant = db.One($"select {GrantColumns} from proxy_grants where id = $1 for update", ToGrant, grantId)
                    ?? throw new RecordNotFoundException("proxy grant", grantId);
        if (!grant.IsActive)
            return grant;
        var at = Now();
        db.Execute("update proxy_grants set revoked_at = $3 where patient_id = $1 and carer_id = $2 and revoked_at is null",
            grant.PatientId, grant.CarerId, at);
        return grant with { RevokedAt = at };
    });

    public Task<IReadOnlyList<ProxyGrant>> ListProxyGrantsForPatientAsync(string patientId, CancellationToken ct = default) =>
        Read<IReadOnlyList<ProxyGrant>>(ct, async db => await db.QueryAsync(ct,
            $"select {GrantColumns} from proxy_grants where patient_id = $1 order by granted_at, id collate \"C\"", ToGrant, patientId));

    public Task<IReadOnlyList<ProxyGrant>> ListActiveProxyGrantsForCarerAsync(string carerId, CancellationToken ct = default) =>
        Read<IReadOnlyList<ProxyGrant>>(ct, async db => await db.QueryAsync(ct,
            $"select {GrantColumns} from proxy_grants where carer_id = $1 and revoked_at is null and (expires_at is null or expires_at > $2) order by granted_at, id collate \"C\"",
            ToGrant, carerId, Now()));

    // Assignments

    private const string AssignmentColumns = "id, patient_id, questionnaire_id, due_date, assigned_by, assigned_at, status, key";
    private const string AssignmentOrder = "order by due_date nulls last, assigned_at, id collate \"C\"";

    private static Assignment ToAssignment(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3), r.GetString(4),
        r.Time(5), r.Enum<AssignmentStatus>(6))
    {
        Key = r.TextOrNull(7),
    };

    /// <summary>An assignment's row, in the order of <see cref="AssignmentColumns"/>.</summary>
    private static object?[] AssignmentRow(Assignment a) =>
    [
        a.Id, a.PatientId, a.QuestionnaireId,
        new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date, Value = (object?)a.DueDate ?? DBNull.Value },
        a.AssignedBy, a.AssignedAt, a.Status.ToString(), Db.Text(a.Key),
    ];

    public Task<Assignment> AddAssignmentAsync(NewAssignment a, CancellationToken ct = default) => Write(ct, db => AddAssignment(db, a));

    private Assignment AddAssignment(Db db, NewAssignment a)
    {
        var assignment = new Assignment(NewId(), a.PatientId, a.QuestionnaireId, a.DueDate, a.AssignedBy, Now(),
            AssignmentStatus.Open);
        db.Execute($"insert into assignments ({AssignmentColumns}) values ($1, $2, $3, $4, $5, $6, $7, $8)", AssignmentRow(assignment));
        return assignment;
    }

    private Assignment? AddAssignmentOnce(Db db, NewAssignment a)
    {
        ArgumentException.ThrowIfNullOrEmpty(a.Key, "assignment.Key");
        var assignment = new Assignment(NewId(), a.PatientId, a.QuestionnaireId, a.DueDate, a.AssignedBy, Now(),
            AssignmentStatus.Open) { Key = a.Key };
        // The unique index on (patient_id, key) decides between instances: the loser inserts nothing, and its
        // transaction goes on (no error to roll it back).
        var inserted = db.Execute($"""
            insert into assignments ({AssignmentColumns}) values ($1, $2, $3, $4, $5, $6, $7, $8)
            on conflict (patient_id, key) where key is not null do nothing
            """, AssignmentRow(assignment));
        return inserted == 1 ? assignment : null;
    }

    public Task<IReadOnlyList<Assignment>> ListAssignmentsAsync(string patientId, CancellationToken ct = default) =>
        Read<IReadOnlyList<Assignment>>(ct, async db => await db.QueryAsync(ct,
            $"select {AssignmentColumns} from assignments where patient_id = $1 {AssignmentOrder}", ToAssignment, patientId));

    private static List<Assignment> ListAssignments(Db db, string patientId) =>
        db.Query($"select {AssignmentColumns} from assignments where patient_id = $1 {AssignmentOrder}", ToAssignment, patientId);

    public Task<IReadOnlyList<Assignment>> ListOpenAssignmentsAsync(CancellationToken ct = default, string? practiceId = null) =>
        Read<IReadOnlyList<Assignment>>(ct, async db => practiceId is null
            ? await db.QueryAsync(ct, $"select {AssignmentColumns} from assignments where status = 'Open' {AssignmentOrder}", ToAssignment)
            : await db.QueryAsync(ct, $"select {AssignmentColumns} from assignments where practice_id = $1 and status = 'Open' {AssignmentOrder}",
                ToAssignment, practiceId));

    private static Assignment ChangeAssignmentStatus(Db db, string assignmentId, AssignmentStatus expected, AssignmentStatus next)
    {
        var current = db.One($"select {AssignmentColumns} from assignments where id = $1 for update", ToAssignment, assignmentId)
                      ?? throw new RecordNotFoundException("assignment", assignmentId);
        if (current.Status != expected)
            throw new RecordConflictException(ConflictKind.StatusMoved,
                $"Cannot move assignment {assignmentId} from {expected} to {next}: it is now {current.Status}.");
        db.Execute("update assignments set status = $2 where id = $1", assignmentId, next.ToString());
        return current with { Status = next };
    }

    // Visits and ended sessions

    public Task<DateTimeOffset?> RecordVisitAsync(string personId, string place, CancellationToken ct = default) =>
        Write(ct, db =>
        {
            var before = db.Query("select at from visits where person_id = $1 and place = $2 for update", r => r.Time(0),
                personId, place);
            db.Execute("""
                insert into visits (person_id, place, at) values ($1, $2, $3)
                on conflict (person_id, place) do update set at = excluded.at
                """, personId, place, Now());
            return before.Count == 0 ? (DateTimeOffset?)null : before[0];
        });

    public Task EndSessionAsync(string sessionId, DateTimeOffset until, CancellationToken ct = default) =>
        Write(ct, db =>
        {
            db.Execute("""
                insert into ended_sessions (session_id, until) values ($1, $2)
                on conflict (session_id) do update set until = excluded.until
                """, sessionId, until);
            // Ended sessions past their limit can no longer be presented: forget them as new ones arrive.
            return db.Execute("delete from ended_sessions where until < $1", Now());
        });

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> ListEndedSessionsAsync(DateTimeOffset now, CancellationToken ct = default) =>
        Read<IReadOnlyDictionary<string, DateTimeOffset>>(ct, async db =>
            (await db.QueryAsync(ct, "select session_id, until from ended_sessions where until >= $1",
                r => (Id: r.GetString(0), Until: r.Time(1)), now))
            .ToDictionary(s => s.Id, s => s.Until, StringComparer.Ordinal));
}
