using HistoryEngine.Web.Infrastructure.Records.Model;
using LiteDB;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

internal sealed partial class LiteDbRecordStore
{
    public Task<Person> AddPersonAsync(NewPerson person, CancellationToken ct = default) => Write(ct, () => InsertPerson(person));

    private Person InsertPerson(NewPerson person)
    {
        var key = UserNameKey(person.UserName);
        if (Collection(People).Exists(Bson.Eq("userNameKey", key)))
            throw new RecordConflictException(ConflictKind.DuplicateUserName,
                $"Cannot add '{person.UserName}': that user name is already taken.");
        EnsurePracticeExists(person.PracticeId);
        var stored = new Person(NewId(), person.Role, person.DisplayName, person.UserName.Trim(), person.Email,
            person.DateOfBirth, person.NhsNumber, person.PasswordHash, 0, null, Now())
            { Sex = person.Sex, Phone = person.Phone, PracticeId = person.PracticeId };
        Collection(People).Insert(ToDocument(stored));
        return stored;
    }

    private Person ChangePerson(string personId, Func<Person, Person> change)
    {
        var doc = FindById(Collection(People), personId) ?? throw new RecordNotFoundException("person", personId);
        var updated = change(ToPerson(doc));
        Collection(People).Update(ToDocument(updated));
        return updated;
    }

    private Person UpdateDetails(string personId, PersonDetails d) => ChangePerson(personId, p => p.WithDetails(d));

    public Task<Person?> GetPersonAsync(string id, CancellationToken ct = default) =>
        Read(ct, () => FindById(Collection(People), id) is { } doc ? ToPerson(doc) : null);

    public Task<Person?> FindPersonByUserNameAsync(string userName, CancellationToken ct = default) =>
        Read(ct, () => Collection(People).FindOne(Bson.Eq("userNameKey", UserNameKey(userName))) is { } doc
            ? ToPerson(doc)
            : null);

    public Task<IReadOnlyList<Person>> ListPeopleAsync(Role? role = null, CancellationToken ct = default, string? practiceId = null) =>
        Read<IReadOnlyList<Person>>(ct, () =>
        {
            var docs = role is { } r ? Collection(People).Find(Bson.Eq("role", Bson.Enum(r))) : Collection(People).FindAll();
            return docs.Where(d => practiceId is null || PracticeOf(d) == practiceId).Select(ToPerson).OrderBy(p => p.DisplayName, StringComparer.CurrentCultureIgnoreCase).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
        });

    public Task<Person> RecordFailedSignInAsync(string personId, int lockAfter, TimeSpan lockFor,
        CancellationToken ct = default) => UpdatePerson(ct, personId, p => p.WithFailedSignIn(lockAfter, lockFor, Now()));

    public Task<Person> RecordSuccessfulSignInAsync(string personId, CancellationToken ct = default) =>
        UpdatePerson(ct, personId, p => p.WithSuccessfulSignIn());

    public Task<Person> SetPasswordHashAsync(string personId, string passwordHash, CancellationToken ct = default) =>
        UpdatePerson(ct, personId, p => p with { PasswordHash = passwordHash });

    private Task<Person> UpdatePerson(CancellationToken ct, string personId, Func<Person, Person> change) =>
        Write(ct, () => ChangePerson(personId, change));

    private static string UserNameKey(string userName) => userName.Trim().ToLowerInvariant();

    private static BsonDocument ToDocument(Person p) => new()
    {
        ["_id"] = p.Id,
        ["role"] = Bson.Enum(p.Role),
        ["displayName"] = p.DisplayName,
        ["userName"] = p.UserName,
        ["userNameKey"] = UserNameKey(p.UserName),
        ["email"] = Bson.Text(p.Email),
        ["dateOfBirth"] = Bson.Date(p.DateOfBirth),
        ["sex"] = p.Sex is { } sex ? Bson.Enum(sex) : BsonValue.Null,
        ["nhsNumber"] = Bson.Text(p.NhsNumber),
        ["phone"] = Bson.Text(p.Phone),
        ["passwordHash"] = p.PasswordHash,
        ["failedSignIns"] = p.FailedSignIns,
        ["lockoutEnd"] = Bson.Time(p.LockoutEnd),
        ["createdAt"] = Bson.Time(p.CreatedAt),
        ["practiceId"] = p.PracticeId,
    };

    private static Person ToPerson(BsonDocument d) => new(
        d["_id"].AsString,
        Bson.ReadEnum<Role>(d["role"]),
        d["displayName"].AsString,
        d["userName"].AsString,
        Bson.ReadText(d["email"]),
        Bson.ReadDate(d["dateOfBirth"]),
        Bson.ReadText(d["nhsNumber"]),
        d["passwordHash"].AsString,
        d["failedSignIns"].AsInt32,
        Bson.ReadOptionalTime(d["lockoutEnd"]),
        Bson.ReadTime(d["createdAt"]))
    {
        // People stored before the field existed have no "sex": not known.
        Sex = d.TryGetValue("sex", out var sex) && !sex.IsNull ? Bson.ReadEnum<HistoryEngine.Runtime.PatientSex>(sex) : null,
        // Likewise "phone".
        Phone = d.TryGetValue("phone", out var phone) ? Bson.ReadText(phone) : null,
        // Likewise "practiceId": people from before practices belong to the default practice.
        PracticeId = PracticeOf(d),
    };
}
