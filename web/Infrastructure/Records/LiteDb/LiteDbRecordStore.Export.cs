using LiteDB;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

// Everything in the store as it is stored, for migrate-store (StoreContents). Each sequence reads its collection in
// id order when enumerated; nothing is held beyond the document being handed over. Read by the command while the
// site is stopped (the command holds the file), so the store cannot change under it.
internal sealed partial class LiteDbRecordStore
{
    /// <summary>The store's whole contents, streamed aggregate by aggregate (see <see cref="StoreContents"/>).</summary>
    internal StoreContents Export()
    {
        IEnumerable<BsonDocument> All(string collection) => Collection(collection).Find(Query.All(Query.Ascending));
        return new StoreContents(
            Practices: All(Practices).Select(ToPractice),
            People: All(People).Select(ToPerson),
            TwoFactor: All(TwoFactor).Select(ToEnrolment),
            AccountLinks: All(AccountLinks).Select(ToLink),
            Drafts: All(Drafts).Select(ToDraft),
            Submissions: All(Submissions).Select(ToSubmission),
            SubmittedDrafts: All(SubmittedDrafts).Select(d =>
                new SubmittedDraft(d["_id"].AsString, d["patientId"].AsString, d["submissionId"].AsString)),
            Entries: All(Entries).Select(ToEntry),
            Messages: All(Messages).Select(ToMessage),
            Grants: All(Grants).Select(ToGrant),
            Assignments: All(Assignments).Select(ToAssignment),
            PlanAlerts: All(PlanAlerts).Select(ToAlert),
            Visits: All(Visits).Select(d =>
            {
                // The id is the person and the place, one line each (RecordVisitAsync).
                var parts = d["_id"].AsString.Split('\n', 2);
                return new Visit(parts[0], parts[1], Bson.ReadTime(d["at"]));
            }),
            EndedSessions: All(EndedSessions).Select(d => new EndedSession(d["_id"].AsString, Bson.ReadTime(d["until"]))),
            Archive: All(Archive).Select(ToArchived),
            Audit: All(Audit).Select(ToAuditEvent),
            AuditHeads: AuditHeads());
    }
}
