using System.Security.Claims;
using System.Text;
using HistoryEngine.Fhir;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;

namespace HistoryEngine.Web.Features.Fhir;

/// <summary>
/// Read-only FHIR R4 for the site: a submission as a QuestionnaireResponse (recomputed from its archived questionnaire
/// version and stored answers) and a patient's filed record entries as Observations. Clinicians may read any patient's;
/// a patient only their own; anyone else, and anything that does not exist, gets 404. Every read, allowed or not, is
/// audited.
/// </summary>
public static class FhirEndpoints
{
    public const string ContentType = "application/fhir+json";

    public static IEndpointRouteBuilder MapFhir(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup("/fhir").RequireAuthorization(Policies.SignedIn);
        fhir.MapGet("/QuestionnaireResponse/{id}", QuestionnaireResponseAsync);
        fhir.MapGet("/Observation", ObservationsAsync);
        return app;
    }

    private static async Task<IResult> QuestionnaireResponseAsync(string id, ClaimsPrincipal user, IRecordStore store,
        QuestionnaireCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        var submission = await store.GetSubmissionAsync(id, ct);
        if (submission is null || !MayRead(user, submission.PatientId))
            return await RefusedAsync(store, user, "QuestionnaireResponse/" + id, ct);
        var replay = await SubmissionReplay.LoadAsync(submission, catalog, store, clock, ct);
        if (replay is null)
            return await RefusedAsync(store, user, "QuestionnaireResponse/" + id + " (version not archived)", ct);
        var json = FhirExport.QuestionnaireResponse(replay.Session.Result(), replay.Questionnaire, replay.PatientReference, replay.Clock);
        await AuditAsync(store, user, submission.PatientId, $"QuestionnaireResponse/{id} ({submission.Reference})", ct);
        return Fhir(json);
    }

    private static async Task<IResult> ObservationsAsync(string? patient, ClaimsPrincipal user, IRecordStore store,
        TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(patient) || !MayRead(user, patient)
            || await store.GetPersonAsync(patient, ct) is not { Role: Role.Patient })
            return await RefusedAsync(store, user, "Observation?patient=" + patient, ct);
        var entries = await store.ListRecordEntriesAsync(patient, includeSuperseded: false, ct);
        await AuditAsync(store, user, patient, $"Observation?patient={patient}: {entries.Count} observations", ct);
        return Fhir(RecordObservations.SearchBundle(entries, clock.GetUtcNow()));
    }

    private static bool MayRead(ClaimsPrincipal user, string patientId) => user.RoleOf() switch
    {
        Role.Clinician => true,
        Role.Patient => user.PersonId() == patientId,
        _ => false,
    };

    private static IResult Fhir(string json) => Results.Text(json, ContentType, Encoding.UTF8);

    private static Task AuditAsync(IRecordStore store, ClaimsPrincipal user, string patientId, string details, CancellationToken ct) =>
        store.AppendAuditAsync(new AuditEntry(user.PersonId(), "fhir.read", patientId, details), ct);

    private static async Task<IResult> RefusedAsync(IRecordStore store, ClaimsPrincipal user, string what, CancellationToken ct)
    {
        // The patient id is left out: the caller named it, and it may not exist or not be theirs.
        await store.AppendAuditAsync(new AuditEntry(user.PersonId(), "fhir.refused", null, what), ct);
        return Results.NotFound();
    }
}
