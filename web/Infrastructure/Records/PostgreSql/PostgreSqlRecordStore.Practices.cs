using HistoryEngine.Web.Infrastructure.Records.Model;
using Npgsql;

namespace HistoryEngine.Web.Infrastructure.Records.PostgreSql;

// Practices (migration 0006). Rows about a patient take their practice from the patient as they are inserted (a
// trigger), so the store's statements name a practice only where they look one up: people, the queue, the waiting
// counts, the open assignments and the audit search.
internal sealed partial class PostgreSqlRecordStore
{
    private const string PracticeColumns = "id, name, code, created_at";

    private static Practice ToPractice(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.TextOrNull(2), r.Time(3));

    private static object?[] PracticeRow(Practice p) => [p.Id, p.Name, Db.Text(p.Code), p.CreatedAt];

    public Task<Practice> AddPracticeAsync(NewPractice practice, CancellationToken ct = default) => Write(ct, db =>
    {
        var code = string.IsNullOrWhiteSpace(practice.Code) ? null : practice.Code.Trim();
        if (code is not null && db.One("select id from practices where upper(code) = upper($1)", r => r.GetString(0), code) is not null)
            throw new RecordConflictException(ConflictKind.DuplicatePracticeCode,
                $"Cannot add practice '{practice.Name}': another practice has the code '{code}'.");
        var stored = new Practice(NewId(), practice.Name.Trim(), code, Now());
        db.Execute($"insert into practices ({PracticeColumns}) values ($1, $2, $3, $4)", PracticeRow(stored));
        return stored;
    });

    public Task<Practice?> GetPracticeAsync(string id, CancellationToken ct = default) =>
        Read(ct, db => db.OneAsync(ct, $"select {PracticeColumns} from practices where id = $1", ToPractice, id));

    public Task<IReadOnlyList<Practice>> ListPracticesAsync(CancellationToken ct = default) =>
        Read<IReadOnlyList<Practice>>(ct, async db =>
            (await db.QueryAsync(ct, $"select {PracticeColumns} from practices", ToPractice))
            // Ordered here, as the LiteDB store does, so both backends order names the same way.
            .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(p => p.Id, StringComparer.Ordinal).ToList());

    public Task<Practice> NameDefaultPracticeAsync(string name, CancellationToken ct = default) => Write(ct, db =>
    {
        if (!string.IsNullOrWhiteSpace(name))
            db.Execute("update practices set name = $2 where id = $1 and name = $3", Practice.DefaultId, name.Trim(), Practice.UnnamedName);
        return db.One($"select {PracticeColumns} from practices where id = $1", ToPractice, Practice.DefaultId)!;
    });
}
