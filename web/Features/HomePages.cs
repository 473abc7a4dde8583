using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Features;

/// <summary>Where each kind of person lands after signing in.</summary>
public static class HomePages
{
    public static string For(Role role) => role switch
    {
        Role.Patient => "/Patient",
        Role.Proxy => "/Carer",
        Role.Clinician => "/Clinician",
        Role.Admin => "/Admin",
        _ => "/",
    };
}
