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
        fhir.MapGet("/Patient/{id}", PatientAsync);
        return app;
    }

    private static async Task<IResult> QuestionnaireResponseAsync(string id, ClaimsPrincipal user, IRecordStore store,
        QuestionnaireCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        var submission = await store.GetSubmissionAsync(id, ct);
        if (submission is null || !MayRead(user, submission.PatientId) || !await SamePracticeAsync(store, user, submission.PatientId, ct))
            return await RefusedAsync(store, user, "QuestionnaireResponse/" + id, ct);
        var replay = await SubmissionReplay.LoadAsync(submission, catalog, store, clock, ct);
        if (replay is null)
            return await RefusedAsync(store, user, "QuestionnaireResponse/" + id + " (version not archived)", ct);
        var json = FhirExport.QuestionnaireResponse(replay.Session.Result(), replay.Questionnaire, replay.PatientReference, replay.Clock);
        await AuditAsync(store, user, submission.PatientId, $"QuestionnaireResponse/{id} ({submission.Reference})", ct);
        return Fhir(json);
    }

    private static async Task<IResult> PatientAsync(string id, ClaimsPrincipal user, IRecordStore store, CancellationToken ct)
    {
        if (!MayRead(user, id) || await store.GetPersonAsync(id, ct) is not { Role: Role.Patient } person || !user.SamePractice(person))
            return await RefusedAsync(store, user, "Patient/" + id, ct);
        await AuditAsync(store, user, id, $"Patient/{id}", ct);
        return Fhir(FhirExport.Patient(person.Context));
    }

    /// <summary>A patient's filed entries as Observations, narrowed by <c>code</c> and <c>date</c> (FHIR search
    /// syntax, see <see cref="ObservationSearch"/>); a value the search does not take is a 400 with an
    /// OperationOutcome, never a wider answer than asked for.</summary>
    private static async Task<IResult> ObservationsAsync(HttpRequest request, string? patient, ClaimsPrincipal user,
        IRecordStore store, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(patient) || !MayRead(user, patient)
            || await store.GetPersonAsync(patient, ct) is not { Role: Role.Patient } person || !user.SamePractice(person))
            return await RefusedAsync(store, user, "Observation?patient=" + patient, ct);
        var tests = new List<Func<RecordEntry, bool>>();
        foreach (var (name, values) in request.Query.Where(q => q.Key is "code" or "date"))
            foreach (var value in values.OfType<string>())
            {
                if (ObservationSearch.Test(name, value) is not { } test)
                    return Results.Text(RecordObservations.Invalid($"'{name}={value}' is not a search this server answers"),
                        ContentType, Encoding.UTF8, StatusCodes.Status400BadRequest);
                tests.Add(e => test(e.AsObservation()));
            }
        var entries = (await store.ListRecordEntriesAsync(patient, includeSuperseded: false, ct)).Where(e => tests.All(t => t(e))).ToList();
        await AuditAsync(store, user, patient, $"{request.Path}{request.QueryString}: {entries.Count} observations", ct);
        return Fhir(RecordObservations.SearchBundle(entries, clock.GetUtcNow()));
    }

    /// <summary>A clinician reads only their own practice's patients (a patient is always in their own).</summary>
    private static async Task<bool> SamePracticeAsync(IRecordStore store, ClaimsPrincipal user, string patientId, CancellationToken ct) =>
        await store.GetPersonAsync(patientId, ct) is { } patient && user.SamePractice(patient);

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
