namespace HistoryEngine.Web.Tests.Security.Matrix;

/// <summary>What a request gets back.</summary>
public enum Expect
{
    /// <summary>200, the page.</summary>
    Ok,
    /// <summary>302 somewhere that is not sign-in, access denied or enrolment (a home page, the next page).</summary>
    Go,
    /// <summary>302 to the sign-in page.</summary>
    SignIn,
    /// <summary>302 to the access-denied page (which answers 403): wrong role, or a carer without that right.</summary>
    Denied,
    /// <summary>403 straight away.</summary>
    Forbidden,
    /// <summary>404: someone else's data (another patient's; another practice's patient, for a clinician), said the same
    /// way as data that does not exist.</summary>
    NotFound,
    /// <summary>302 to two-factor enrolment: a clinician or admin without a second factor.</summary>
    Enrol,
    /// <summary>400: the right person, but the empty form the matrix posts is refused, with the page saying why.</summary>
    BadRequest,
}

/// <summary>
/// The authorization matrix: for every route the site maps, what each actor gets when the route values name the
/// seeded patient's own data (see <see cref="SeededSite"/>). A route added to the site without a row here fails
/// <see cref="AuthorizationMatrixTests"/>; adding it is one line in <see cref="Rows"/>. POST rows carry a form body
/// that changes nothing (a stale revision, an empty form), so every actor can be tried on the same seeded data.
/// </summary>
public static class AccessMatrix
{
    private const Expect Ok = Expect.Ok, Go = Expect.Go, In = Expect.SignIn, No = Expect.Denied,
        Fb = Expect.Forbidden, NF = Expect.NotFound, En = Expect.Enrol, Bad = Expect.BadRequest;

    /// <summary>A route's expected answers, one per <see cref="Actor"/> in declaration order.</summary>
    /// <param name="IdIs">Which seeded value a route's <c>{id}</c> names (the submission unless it says "patient").</param>
    public sealed record Row(string Route, Expect[] Expected, string Form = "", string IdIs = "submissionId");

    public static readonly Row[] Rows =
    [
        //                                                  Anon Patient Other CFill CView CRevok COther Clin Admin ClinNoCode ClinOtherPractice
        new("GET /",                                        [Ok, Go,     Go,   Go,   Go,   Go,    Go,    Go,  Go,   Go, Go]),
        new("GET /Account/AccessDenied",                    [Fb, Fb,     Fb,   Fb,   Fb,   Fb,    Fb,    Fb,  Fb,   Fb, Fb]),
        new("GET /Account/Enrol",                           [In, No,     No,   No,   No,   No,    No,    Go,  Go,   Ok, Go]),
        new("POST /Account/Enrol",                          [In, No,     No,   No,   No,   No,    No,    Go,  Go,   Ok, Go]),
        // Issue 15: a one-time link's page answers anyone holding the token; the matrix's token was never issued.
        new("GET /Account/SetPassword/{token}",             [NF, NF,     NF,   NF,   NF,   NF,    NF,    NF,  NF,   NF, NF]),
        new("POST /Account/SetPassword/{token}",            [NF, NF,     NF,   NF,   NF,   NF,    NF,    NF,  NF,   NF, NF]),
        new("GET /Account/SignIn",                          [Ok, Ok,     Ok,   Ok,   Ok,   Ok,    Ok,    Ok,  Ok,   Ok, Ok]),
        new("POST /Account/SignIn",                         [Ok, Ok,     Ok,   Ok,   Ok,   Ok,    Ok,    Ok,  Ok,   Ok, Ok]),
        new("GET /Account/SignOut",                         [Ok, Ok,     Ok,   Ok,   Ok,   Ok,    Ok,    Ok,  Ok,   Ok, Ok]),
        new("POST /Account/SignOut",                        [Go, Go,     Go,   Go,   Go,   Go,    Go,    Go,  Go,   Go, Go]),
        new("GET /Account/TwoFactor",                       [In, In,     In,   In,   In,   In,    In,    In,  In,   In, In]),
        new("POST /Account/TwoFactor",                      [In, In,     In,   In,   In,   In,    In,    In,  In,   In, In]),
        new("GET /Admin",                                   [In, No,     No,   No,   No,   No,    No,    No,  Ok,   No, No]),
        new("GET /Admin/Questionnaires",                    [In, No,     No,   No,   No,   No,    No,    No,  Ok,   No, No]),
        new("GET /Carer",                                   [In, No,     No,   Ok,   Ok,   No,    Ok,    No,  No,   No, No]),
        new("GET /Clinician",                               [In, No,     No,   No,   No,   No,    No,    Ok,  No,   En, Ok]),
        new("GET /Error/{code:int?}",                       [Ok, Ok,     Ok,   Ok,   Ok,   Ok,    Ok,    Ok,  Ok,   Ok, Ok]),
        new("POST /Error/{code:int?}",                      [Ok, Ok,     Ok,   Ok,   Ok,   Ok,    Ok,    Ok,  Ok,   Ok, Ok]),
        new("GET /Error/404",                               [Ok, Ok,     Ok,   Ok,   Ok,   Ok,    Ok,    Ok,  Ok,   Ok, Ok]), // the page a 404 is re-executed to
        // Issue 17: a load balancer's probes answer everyone, with one word and nothing about anyone.
        new("GET /health/live",                             [Ok, Ok,     Ok,   Ok,   Ok,   Ok,    Ok,    Ok,  Ok,   Ok, Ok]),
        new("GET /health/ready",                            [Ok, Ok,     Ok,   Ok,   Ok,   Ok,    Ok,    Ok,  Ok,   Ok, Ok]),
        new("GET /Home/{subject}",                          [In, Ok,     NF,   Ok,   No,   No,    NF,    No,  No,   No, No]),
        new("GET /Journey/{subject}/{questionnaireId}",     [In, Ok,     NF,   Ok,   No,   No,    NF,    No,  No,   No, No]),
        new("GET /Journey/{subject}/{questionnaireId}/check", [In, Ok,   NF,   Ok,   No,   No,    NF,    No,  No,   No, No]),
        new("POST /Journey/{subject}/{questionnaireId}/check", [In, Go,  NF,   Go,   No,   No,    NF,    No,  No,   No, No]),
        new("GET /Journey/{subject}/{questionnaireId}/page/{pageId}", [In, Ok, NF, Ok,   No,   No,    NF,    No,  No,   No, No]),
        new("POST /Journey/{subject}/{questionnaireId}/page/{pageId}", [In, Ok, NF, Ok,  No,   No,    NF,    No,  No,   No, No], "revision=-1"),
        new("GET /Patient",                                 [In, Ok,     Ok,   No,   No,   No,    No,    No,  No,   No, No]),
        new("GET /Patient/Carers",                          [In, Ok,     Ok,   No,   No,   No,    No,    No,  No,   No, No]),
        new("POST /Patient/Carers?handler=Grant",           [In, Ok,     Ok,   No,   No,   No,    No,    No,  No,   No, No]),
        new("POST /Patient/Carers?handler=Revoke",          [In, Go,     NF,   No,   No,   No,    No,    No,  No,   No, No], "grantId={grantId}"),
        new("GET /Record/{subject}/{view?}",                [In, Ok,     NF,   No,   Ok,   No,    NF,    No,  No,   No, No]),
        new("GET /Plan/{subject}",                          [In, Ok,     NF,   No,   Ok,   No,    NF,    No,  No,   No, No]),
        new("GET /Submissions/{subject}/{submissionId}",    [In, Ok,     NF,   Ok,   No,   No,    NF,    No,  No,   No, No]),
        // Issue 15 point 6: answering the practice's question on a returned submission (the seeded one is not
        // returned, so the patient and a carer who may fill in are sent back to its confirmation; nothing is made).
        new("POST /Submissions/{subject}/{submissionId}?handler=Answer", [In, Go, NF, Go, No,   No,    NF,    No,  No,   No, No]),
        // Issue 15 point 10: one message from the practice, for those who may see the record.
        new("GET /Messages/{subject}/{messageId}",          [In, Ok,     NF,   No,   Ok,   No,    NF,    No,  No,   No, No]),
        new("GET /Admin/Audit",                             [In, No,     No,   No,   No,   No,    No,    No,  Ok,   No, No]),
        new("GET /Clinician/Patient/{id}",                  [In, No,     No,   No,   No,   No,    No,    Ok,  No,   En, NF], IdIs: "patient"),
        new("POST /Clinician/Patient/{id}?handler=Assign",  [In, No,     No,   No,   No,   No,    No,    Bad, No,   En, NF], IdIs: "patient"),
        new("POST /Clinician/Patient/{id}?handler=Correct", [In, No,     No,   No,   No,   No,    No,    NF,  No,   En, NF], IdIs: "patient"),
        new("POST /Clinician/Patient/{id}?handler=AddEntry", [In, No,    No,   No,   No,   No,    No,    Bad, No,   En, NF], IdIs: "patient"),
        // Issue 15 point 12: the practice gives a carer access (an empty form is refused), stops it (no grant named: not
        // there), registers a carer for the patient, and makes a carer of theirs a sign-in link (no carer named: not there).
        new("POST /Clinician/Patient/{id}?handler=CarerAccess", [In, No, No,   No,   No,   No,    No,    Bad, No,   En, NF], IdIs: "patient"),
        new("POST /Clinician/Patient/{id}?handler=StopCarer", [In, No, No,    No,   No,   No,    No,    NF,  No,   En, NF], IdIs: "patient"),
        new("POST /Clinician/Patient/{id}?handler=ReviewAlert", [In, No, No,  No,   No,   No,    No,    NF,  No,   En, NF], IdIs: "patient"),
        new("GET /Clinician/Patient/{id}/Carer",            [In, No,     No,   No,   No,   No,    No,    Ok,  No,   En, NF], IdIs: "patient"),
        new("POST /Clinician/Patient/{id}/Carer",           [In, No,     No,   No,   No,   No,    No,    Bad, No,   En, NF], IdIs: "patient"),
        new("POST /Clinician/Patient/{id}/Carer?handler=Link", [In, No,  No,   No,   No,   No,    No,    NF,  No,   En, NF], IdIs: "patient"),
        // Issue 15: the practice edits a patient's details and makes sign-in links; an empty form changes nothing.
        new("GET /Clinician/Patient/{id}/Details",          [In, No,     No,   No,   No,   No,    No,    Ok,  No,   En, NF], IdIs: "patient"),
        new("POST /Clinician/Patient/{id}/Details",         [In, No,     No,   No,   No,   No,    No,    Bad, No,   En, NF], IdIs: "patient"),
        new("POST /Clinician/Patient/{id}/Details?handler=Link", [In, No, No,   No,   No,   No,    No,    Bad, No,   En, NF], IdIs: "patient"),
        new("GET /Clinician/Register",                      [In, No,     No,   No,   No,   No,    No,    Ok,  No,   En, Ok]),
        new("POST /Clinician/Register",                     [In, No,     No,   No,   No,   No,    No,    Bad, No,   En, Bad]),
        new("GET /Clinician/Patients",                      [In, No,     No,   No,   No,   No,    No,    Ok,  No,   En, Ok]),
        new("GET /Clinician/Submission/{id}",               [In, No,     No,   No,   No,   No,    No,    Ok,  No,   En, NF]),
        new("GET /Clinician/Submission/{id}?handler=Fhir",  [In, No,     No,   No,   No,   No,    No,    Ok,  No,   En, NF]),
        new("POST /Clinician/Submission/{id}?handler=File", [In, No,     No,   No,   No,   No,    No,    Bad, No,   En, NF]),
        new("POST /Clinician/Submission/{id}?handler=Return", [In, No,   No,   No,   No,   No,    No,    Bad, No,   En, NF]),
        // Taking a submission into review is an explicit action (a GET changes nothing).
        new("POST /Clinician/Submission/{id}?handler=Review", [In, No,   No,   No,   No,   No,    No,    Go,  No,   En, NF]),
        // Closing needs a reason (issue 12 point 2), so the clinician's empty form is refused and changes nothing.
        new("POST /Clinician/Submission/{id}?handler=Close", [In, No,    No,   No,   No,   No,    No,    Bad, No,   En, NF]),
        new("GET /Diary/{subject}",                         [In, Ok,     NF,   Ok,   No,   No,    NF,    No,  No,   No, No]),
        new("POST /Diary/{subject}?handler=Add",            [In, Ok,     NF,   Ok,   No,   No,    NF,    No,  No,   No, No]),
        new("POST /Diary/{subject}?handler=FollowUp",       [In, Go,     NF,   Go,   No,   No,    NF,    No,  No,   No, No]),
        new("POST /Diary/{subject}?handler=Send",           [In, Ok,     NF,   Ok,   No,   No,    NF,    No,  No,   No, No]),
        // Issue 15.10: a sent diary's confirmation; the seeded submission is not a diary, so it is not found there.
        new("GET /Diary/{subject}/sent/{submissionId}",     [In, NF,     NF,   NF,   No,   No,    NF,    No,  No,   No, No]),
        new("GET /Diary/{subject}/reading/{index:int}/{handler?}", [In, NF, NF, NF,  No,   No,    NF,    No,  No,   No, No]),
        new("GET /Diary/{subject}/reading/{index:int}/{handler?}?handler=Remove", [In, NF, NF, NF, No, No, NF,   No,  No,   No, No]),
        new("POST /Diary/{subject}/reading/{index:int}/{handler?}", [In, NF, NF, NF, No,   No,    NF,    No,  No,   No, No]),
        new("POST /Diary/{subject}/reading/{index:int}/{handler?}?handler=Remove", [In, NF, NF, NF, No, No, NF,  No,  No,   No, No]),
        new("GET /fhir/Observation",                        [In, NF,     NF,   NF,   NF,   NF,    NF,    NF,  NF,   En, NF]), // no ?patient= given
        new("GET /fhir/QuestionnaireResponse/{id}",         [In, Ok,     NF,   NF,   NF,   NF,    NF,    Ok,  NF,   En, NF]),
        new("GET /fhir/Patient/{id}",                       [In, Ok,     NF,   NF,   NF,   NF,    NF,    Ok,  NF,   En, NF], IdIs: "patient"),
    ];
}
