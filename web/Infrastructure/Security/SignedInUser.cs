using System.Globalization;
using System.Security.Claims;
using HistoryEngine.Web.Infrastructure.Records.Model;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace HistoryEngine.Web.Infrastructure.Security;

/// <summary>The claims a sign-in puts in the cookie, and how to read them back.</summary>
public static class SignedInUser
{
    /// <summary>When the person signed in (Unix seconds), for the absolute session limit.</summary>
    public const string SignedInAtClaim = "he:signed_in_at";

    /// <summary>A random id for this sign-in, so that signing out can end this session (and a copy of its cookie).</summary>
    public const string SessionClaim = "he:session";

    /// <summary>The practice the person belongs to: staff see only this practice's patients and their data.</summary>
    public const string PracticeClaim = "he:practice";

    /// <summary>The claims for a person who has just signed in; <paramref name="secondFactor"/> says how a second
    /// factor was given ("totp", "recovery"), or null for none. <paramref name="sessionId"/> carries on a session
    /// (after enrolling a second factor); otherwise a new one begins.</summary>
    public static ClaimsPrincipal Principal(Person person, DateTimeOffset now, string scheme, string? secondFactor = null,
        string? sessionId = null)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, person.Id),
            new(ClaimTypes.Name, person.DisplayName),
            new(ClaimTypes.Role, person.Role.ToString()),
            new(SignedInAtClaim, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new(SessionClaim, sessionId ?? Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))),
            new(PracticeClaim, person.PracticeId),
        ];
        if (secondFactor is not null)
            claims.Add(new Claim(TwoFactor.TwoFactorRequirement.Claim, secondFactor));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>
    /// Starts (or, with <paramref name="sessionId"/>, carries on) the signed-in session: the cookie is for this browser
    /// session only. Every way in (password, code, enrolment) goes through here.
    /// </summary>
    public static Task StartSessionAsync(this HttpContext http, Person person, DateTimeOffset signedInAt,
        string? secondFactor = null, string? sessionId = null) =>
        http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            Principal(person, signedInAt, CookieAuthenticationDefaults.AuthenticationScheme, secondFactor, sessionId),
            new AuthenticationProperties { IsPersistent = false });

    /// <summary>The signed-in person's id; only call on pages that require sign-in.</summary>
    public static string PersonId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("The page asked for the person's id but nobody is signed in.");

    /// <summary>When this session began, or null for a cookie without the claim.</summary>
    public static DateTimeOffset? SignedInAt(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(SignedInAtClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            ? DateTimeOffset.FromUnixTimeSeconds(s)
            : null;

    /// <summary>This sign-in's session id, or null for a cookie without one.</summary>
    public static string? SessionId(this ClaimsPrincipal user) => user.FindFirstValue(SessionClaim);

    /// <summary>The signed-in person's practice. A cookie from before practices (which has no claim) was issued when the
    /// store held only the default practice.</summary>
    public static string PracticeId(this ClaimsPrincipal user) => user.FindFirstValue(PracticeClaim) ?? Practice.DefaultId;

    /// <summary>True when <paramref name="person"/> belongs to the signed-in person's practice: staff pages refuse
    /// anyone else's data as not found (issue 17 point 4).</summary>
    public static bool SamePractice(this ClaimsPrincipal user, Person person) => person.PracticeId == user.PracticeId();

    /// <summary>The role from the cookie, or null.</summary>
    public static Role? RoleOf(this ClaimsPrincipal user) =>
        Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;
}
