using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Records;

/// <summary>
/// The behaviour every <see cref="IRecordStore"/> backend must have. A backend's test class derives from this,
/// builds its store on the given clock, and supplies the two tampering hooks the audit tests need.
/// </summary>
public abstract partial class RecordStoreContract
{
    /// <summary>Starts with sub-millisecond ticks, to show the store copes with them.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero).AddTicks(1_234_567));

    protected abstract IRecordStore Store { get; }

    /// <summary>Changes the details of a stored audit event behind the store's back, as an attacker with the file would.</summary>
    protected abstract void TamperWithAuditEvent(long sequence, string newDetails);

    /// <summary>Deletes a stored audit event behind the store's back.</summary>
    protected abstract void RemoveAuditEvent(long sequence);

    protected static readonly QuestionnaireRef Bp = new("home-bp-diary", "1.0.0", "sha256:abc");

    protected Task<Person> AddPatientAsync(string userName = "pat") =>
        Store.AddPersonAsync(new NewPerson(Role.Patient, "Pat " + userName, userName, $"{userName}@example.org",
            new DateOnly(1960, 2, 29), "943 476 5919", "hash") { Sex = HistoryEngine.Runtime.PatientSex.Female, Phone = "01632 960000" });

    protected Task<Submission> AddSubmissionAsync(string patientId, FlagLevel flag = FlagLevel.Routine) =>
        Store.AddSubmissionAsync(new NewSubmission(patientId, patientId, Bp, """{"systolic":150}""",
            """{"complete":true}""", flag));

    protected static NewRecordEntry Entry(string patientId, string value = "142") =>
        new(patientId, "http://snomed.info/sct", "413606001", "Average home systolic blood pressure", value, "mm[Hg]",
            "clinician-1", null, "1.0.0");

    /// <summary>The clock's current time as the store keeps it (whole milliseconds, UTC).</summary>
    protected DateTimeOffset StoredNow()
    {
        var now = Clock.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    protected static void AssertUtc(DateTimeOffset value) => Assert.Equal(TimeSpan.Zero, value.Offset);
}
