using HistoryEngine.Web.Infrastructure.Records.Model;
using LiteDB;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

internal sealed partial class LiteDbRecordStore
{
    public Task<Assignment> AddAssignmentAsync(NewAssignment a, CancellationToken ct = default) => Write(ct, () => AddAssignment(a));

    private Assignment AddAssignment(NewAssignment a)
    {
        var assignment = new Assignment(NewId(), a.PatientId, a.QuestionnaireId, a.DueDate, a.AssignedBy, Now(),
            AssignmentStatus.Open);
        Collection(Assignments).Insert(ToDocument(assignment));
        return assignment;
    }

    private Assignment? AddAssignmentOnce(NewAssignment a)
    {
        ArgumentException.ThrowIfNullOrEmpty(a.Key, "assignment.Key");
        // One process holds a LiteDB file and its writes run one at a time (the write gate), so looking first is safe.
        if (Collection(Assignments).Find(Bson.Eq("key", a.Key)).Any(d => d["patientId"].AsString == a.PatientId))
            return null;
        var assignment = new Assignment(NewId(), a.PatientId, a.QuestionnaireId, a.DueDate, a.AssignedBy, Now(),
            AssignmentStatus.Open) { Key = a.Key };
        Collection(Assignments).Insert(ToDocument(assignment));
        return assignment;
    }

    public Task<IReadOnlyList<Assignment>> ListAssignmentsAsync(string patientId, CancellationToken ct = default) =>
        Read<IReadOnlyList<Assignment>>(ct, () => ListAssignments(patientId));

    private List<Assignment> ListAssignments(string patientId) =>
        Collection(Assignments).Find(Bson.Eq("patientId", patientId))
            .Select(ToAssignment)
            .OrderBy(a => a.DueDate ?? DateOnly.MaxValue).ThenBy(a => a.AssignedAt).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();

    public Task<IReadOnlyList<Assignment>> ListOpenAssignmentsAsync(CancellationToken ct = default, string? practiceId = null) =>
        Read<IReadOnlyList<Assignment>>(ct, () =>
        {
            var patients = PeopleOf(practiceId);
            return Collection(Assignments)
                .Find(Query.EQ("status", Bson.Enum(AssignmentStatus.Open)))
                .Select(ToAssignment)
                .Where(a => patients is null || patients.Contains(a.PatientId))
                .OrderBy(a => a.DueDate ?? DateOnly.MaxValue).ThenBy(a => a.AssignedAt).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        });

    private Assignment ChangeAssignmentStatus(string assignmentId, AssignmentStatus expected, AssignmentStatus next)
    {
        var current = FindById(Collection(Assignments), assignmentId) is { } doc
            ? ToAssignment(doc)
            : throw new RecordNotFoundException("assignment", assignmentId);
        if (current.Status != expected)
            throw new RecordConflictException(ConflictKind.StatusMoved,
                $"Cannot move assignment {assignmentId} from {expected} to {next}: it is now {current.Status}.");
        var updated = current with { Status = next };
        Collection(Assignments).Update(ToDocument(updated));
        return updated;
    }

    private static BsonDocument ToDocument(Assignment a) => new()
    {
        ["_id"] = a.Id,
        ["patientId"] = a.PatientId,
        ["questionnaireId"] = a.QuestionnaireId,
        ["dueDate"] = Bson.Date(a.DueDate),
        ["assignedBy"] = a.AssignedBy,
        ["assignedAt"] = Bson.Time(a.AssignedAt),
        ["status"] = Bson.Enum(a.Status),
        ["key"] = a.Key is null ? BsonValue.Null : a.Key,
    };

    private static Assignment ToAssignment(BsonDocument d) => new(
        d["_id"].AsString,
        d["patientId"].AsString,
        d["questionnaireId"].AsString,
        Bson.ReadDate(d["dueDate"]),
        d["assignedBy"].AsString,
        Bson.ReadTime(d["assignedAt"]),
        Bson.ReadEnum<AssignmentStatus>(d["status"]))
    {
        Key = d.TryGetValue("key", out var key) && key.IsString ? key.AsString : null,
    };
}
