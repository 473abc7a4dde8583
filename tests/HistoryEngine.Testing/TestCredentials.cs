using HistoryEngine.Web.Infrastructure.Security.TwoFactor;

namespace HistoryEngine.Testing;

/// <summary>The password and second factor every person a test makes signs in with.</summary>
public static class TestCredentials
{
    public const string Password = "correct horse battery staple";

    /// <summary>The TOTP secret clinicians and admins are enrolled with, as if scanned into an authenticator app.</summary>
    public const string TotpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    /// <summary>The code an authenticator app set up with <paramref name="secret"/> shows at <paramref name="clock"/>'s time.</summary>
    public static string CodeAt(TimeProvider clock, string secret = TotpSecret) => new TotpCodes(clock).Now(secret);
}
