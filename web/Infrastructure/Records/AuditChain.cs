using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Records;

/// <summary>
/// How audit events are hashed and checked, shared by every backend so that a trail moved between backends still
/// verifies. The hash covers the fields as a JSON array, so no choice of separator can make two events collide.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first event.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>SHA-256 (lower-case hex) of an event's fields and the hash of the event before it.</summary>
    public static string Hash(long sequence, DateTimeOffset at, string actorId, string action, string? patientId,
        string? details, string previousHash)
    {
        var fields = new[]
        {
            sequence.ToString(CultureInfo.InvariantCulture),
            at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            actorId, action, patientId, details, previousHash,
        };
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(fields)));
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>The hash this event should carry.</summary>
    public static string Hash(AuditEvent e) =>
        Hash(e.Sequence, e.At, e.ActorId, e.Action, e.PatientId, e.Details, e.PreviousHash);

    /// <summary>Every practice's chain checked (<paramref name="chains"/>, each verified on its own): intact with the
    /// events of all counted, or the first that breaks, naming its practice.</summary>
    public static AuditVerification VerifyAll(IEnumerable<(string PracticeId, AuditVerification Result)> chains)
    {
        long count = 0;
        foreach (var (practiceId, result) in chains)
        {
            if (!result.IsIntact)
                return result with
                {
                    PracticeId = practiceId,
                    Problem = practiceId == Practice.DefaultId ? result.Problem : $"{result.Problem} (in the chain of practice {practiceId})",
                };
            count += result.EventsChecked;
        }
        return AuditVerification.Intact(count);
    }

    /// <summary>Checks events in sequence order against each other and against the last (head) sequence and hash the
    /// store recorded, so that removing the newest events is caught as well.</summary>
    public static AuditVerification Verify(IEnumerable<AuditEvent> eventsInOrder, long headSequence, string headHash)
    {
        long expected = 1;
        var previous = Genesis;
        foreach (var e in eventsInOrder)
        {
            if (e.Sequence != expected)
                return AuditVerification.Broken(expected - 1, expected, $"event {expected} is missing (found {e.Sequence} next)");
            if (e.PreviousHash != previous)
                return AuditVerification.Broken(expected - 1, e.Sequence, "its previous hash does not match the event before it");
            if (Hash(e) != e.Hash)
                return AuditVerification.Broken(expected - 1, e.Sequence, "its contents do not match its hash");
            previous = e.Hash;
            expected++;
        }

        var count = expected - 1;
        if (count != headSequence)
            return AuditVerification.Broken(count, count + 1, $"the trail ends at event {count} but {headSequence} were written");
        if (count > 0 && previous != headHash)
            return AuditVerification.Broken(count, count, "the last event does not match the recorded head of the chain");
        return AuditVerification.Intact(count);
    }
}
