using HistoryEngine.Web.Infrastructure.Records.Model;
using LiteDB;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

internal sealed partial class LiteDbRecordStore
{

    private PatientMessage AddMessage(NewMessage m)
    {
        var message = new PatientMessage(NewId(), m.PatientId, m.FromId, m.Subject, m.Body, m.SubmissionId, Now(), null);
        Collection(Messages).Insert(ToDocument(message));
        return message;
    }

    public Task<IReadOnlyList<PatientMessage>> ListMessagesAsync(string patientId, CancellationToken ct = default) =>
        Read<IReadOnlyList<PatientMessage>>(ct, () => Collection(Messages).Find(Bson.Eq("patientId", patientId))
            .Select(ToMessage).OrderByDescending(m => m.SentAt).ThenBy(m => m.Id, StringComparer.Ordinal).ToList());

    public Task<PatientMessage> MarkMessageReadAsync(string messageId, CancellationToken ct = default) => Write(ct, () =>
    {
        var message = FindById(Collection(Messages), messageId) is { } doc
            ? ToMessage(doc)
            : throw new RecordNotFoundException("message", messageId);
        if (message.ReadAt is not null)
            return message;
        var read = message with { ReadAt = Now() };
        Collection(Messages).Update(ToDocument(read));
        return read;
    });

    private static BsonDocument ToDocument(PatientMessage m) => new()
    {
        ["_id"] = m.Id,
        ["patientId"] = m.PatientId,
        ["fromId"] = m.FromId,
        ["subject"] = m.Subject,
        ["body"] = m.Body,
        ["submissionId"] = Bson.Text(m.SubmissionId),
        ["sentAt"] = Bson.Time(m.SentAt),
        ["readAt"] = Bson.Time(m.ReadAt),
    };

    private static PatientMessage ToMessage(BsonDocument d) => new(
        d["_id"].AsString,
        d["patientId"].AsString,
        d["fromId"].AsString,
        d["subject"].AsString,
        d["body"].AsString,
        Bson.ReadText(d["submissionId"]),
        Bson.ReadTime(d["sentAt"]),
        Bson.ReadOptionalTime(d["readAt"]));
}
