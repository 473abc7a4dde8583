using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Npgsql;

namespace HistoryEngine.Web.Infrastructure.Records.PostgreSql;

// A person is stored as a jsonb document of the whole Person record, beside the columns it is looked up by, so a
// field added to Person later is kept without a migration (an older document simply lacks it: its default).
internal sealed partial class PostgreSqlRecordStore
{
    private const string PersonColumns = "doc::text";

    /// <summary>How a Person becomes a document: its properties by name, enums by name, nothing computed.</summary>
    internal static readonly JsonSerializerOptions DocumentJson = new()
    {
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            // Computed properties (Person.Context) have no setter and are not data: leave them out.
            Modifiers = { info =>
            {
                if (info.Kind != JsonTypeInfoKind.Object) return;
                foreach (var property in info.Properties.Where(p => p.Set is null).ToList())
                    info.Properties.Remove(property);
            } },
        },
    };

    private static Person ToPerson(NpgsqlDataReader r) =>
        JsonSerializer.Deserialize<Person>(r.GetString(0), DocumentJson)
        ?? throw new InvalidDataException("A person's document is empty.");

    private static string UserNameKey(string userName) => userName.Trim().ToLowerInvariant();

    public Task<Person> AddPersonAsync(NewPerson person, CancellationToken ct = default) => Write(ct, db => InsertPerson(db, person));

    private Person InsertPerson(Db db, NewPerson person)
    {
        if (db.One("select id from practices where id = $1", r => r.GetString(0), person.PracticeId) is null)
            throw new RecordNotFoundException("practice", person.PracticeId);
        var stored = new Person(NewId(), person.Role, person.DisplayName, person.UserName.Trim(), person.Email,
            person.DateOfBirth, person.NhsNumber, person.PasswordHash, 0, null, Now())
            { Sex = person.Sex, Phone = person.Phone, PracticeId = person.PracticeId };
        var inserted = db.Execute($"""
            insert into people ({PeopleColumns}) values ($1, $2, $3, $4, $5, $6)
            on conflict (user_name_key) do nothing
            """, PersonRow(stored));
        if (inserted == 0)
            throw new RecordConflictException(ConflictKind.DuplicateUserName,
                $"Cannot add '{person.UserName}': that user name is already taken.");
        return stored;
    }

    private const string PeopleColumns = "id, user_name_key, role, display_name, doc, practice_id";

    /// <summary>A person's row, in the order of <see cref="PeopleColumns"/>.</summary>
    private static object?[] PersonRow(Person p) => [p.Id, UserNameKey(p.UserName), p.Role.ToString(), p.DisplayName, PersonDocument(p), p.PracticeId];

    private Person UpdateDetails(Db db, string personId, PersonDetails d) => ChangePerson(db, personId, p => p.WithDetails(d));

    private static NpgsqlParameter PersonDocument(Person p) => Db.Jsonb(JsonSerializer.Serialize(p, DocumentJson));

    public Task<Person?> GetPersonAsync(string id, CancellationToken ct = default) =>
        Read(ct, db => db.OneAsync(ct, $"select {PersonColumns} from people where id = $1", ToPerson, id));

    public Task<Person?> FindPersonByUserNameAsync(string userName, CancellationToken ct = default) =>
        Read(ct, db => db.OneAsync(ct, $"select {PersonColumns} from people where user_name_key = $1", ToPerson,
            UserNameKey(userName)));

    public Task<IReadOnlyList<Person>> ListPeopleAsync(Role? role = null, CancellationToken ct = default, string? practiceId = null) =>
        Read<IReadOnlyList<Person>>(ct, async db =>
        {
            var people = (role, practiceId) switch
            {
                ({ } r, { } p) => await db.QueryAsync(ct, $"select {PersonColumns} from people where practice_id = $1 and role = $2", ToPerson, p, r.ToString()),
                ({ } r, null) => await db.QueryAsync(ct, $"select {PersonColumns} from people where role = $1", ToPerson, r.ToString()),
                (null, { } p) => await db.QueryAsync(ct, $"select {PersonColumns} from people where practice_id = $1", ToPerson, p),
                _ => await db.QueryAsync(ct, $"select {PersonColumns} from people", ToPerson),
            };
            // Ordered here, as the LiteDB store does, so both backends order names the same way.
            return people.OrderBy(p => p.DisplayName, StringComparer.CurrentCultureIgnoreCase).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
        });

    public Task<Person> RecordFailedSignInAsync(string personId, int lockAfter, TimeSpan lockFor,
        CancellationToken ct = default) => UpdatePerson(ct, personId, p => p.WithFailedSignIn(lockAfter, lockFor, Now()));

    public Task<Person> RecordSuccessfulSignInAsync(string personId, CancellationToken ct = default) =>
        UpdatePerson(ct, personId, p => p.WithSuccessfulSignIn());

    public Task<Person> SetPasswordHashAsync(string personId, string passwordHash, CancellationToken ct = default) =>
        UpdatePerson(ct, personId, p => p with { PasswordHash = passwordHash });

    /// <summary>Reads the person under a row lock, changes them and writes them back: two changes at once (two failed
    /// sign-ins on two instances) apply one after the other.</summary>
    private Task<Person> UpdatePerson(CancellationToken ct, string personId, Func<Person, Person> change) =>
        Write(ct, db => ChangePerson(db, personId, change));

    private static Person ChangePerson(Db db, string personId, Func<Person, Person> change)
    {
        var current = db.One($"select {PersonColumns} from people where id = $1 for update", ToPerson, personId)
                      ?? throw new RecordNotFoundException("person", personId);
        var updated = change(current);
        // Merged into the stored document, so a field written by a newer version of the site is kept.
        db.Execute("update people set role = $2, display_name = $3, doc = doc || $4 where id = $1",
            personId, updated.Role.ToString(), updated.DisplayName, PersonDocument(updated));
        return updated;
    }
}
