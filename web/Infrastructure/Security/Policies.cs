namespace HistoryEngine.Web.Infrastructure.Security;

/// <summary>Names of the authorization policies; pages name these, never role strings.</summary>
public static class Policies
{
    public const string Patient = nameof(Patient);
    public const string Proxy = nameof(Proxy);
    public const string Clinician = nameof(Clinician);
    public const string Admin = nameof(Admin);
    /// <summary>A patient, or a carer: pages about one patient's data then check whose data it is (SubjectAccess).</summary>
    public const string PatientOrCarer = nameof(PatientOrCarer);
    /// <summary>A clinician or admin, with or without a second factor yet: only the enrolment page uses it.</summary>
    public const string StaffEnrolment = nameof(StaffEnrolment);
    /// <summary>Anyone signed in, staff with their second factor: for endpoints patients and clinicians both use (FHIR).</summary>
    public const string SignedIn = nameof(SignedIn);
}
