using System.Net;
using HistoryEngine.Web.Features.Account;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Tests.Site;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HistoryEngine.Web.Tests.Security;

/// <summary>
/// Issue 12, point 8: an unknown account, a locked one and a wrong password must cost the same, or the time taken
/// tells them apart (a locked account answered in 3 ms, an unknown one in 53). Counted, not timed: the password
/// hasher, which is nearly all of the work, runs exactly once for each.
/// </summary>
public sealed class SignInWorkTests : IDisposable
{
    private readonly CountingHasher _hasher = new();
    private readonly TestSite _site;

    public SignInWorkTests()
    {
        _site = new TestSite
        {
            ReplaceServices = services =>
            {
                services.RemoveAll<IPasswordHasher<Person>>();
                services.AddSingleton<IPasswordHasher<Person>>(_hasher);
            },
        };
    }

    /// <summary>Signs in from an address of its own (so the per-address limit never steps in) and counts the hashing.</summary>
    private async Task<(HttpResponseMessage Response, int Verified, int Hashed)> AttemptAsync(string userName, string password, string address)
    {
        var client = _site.Browser();
        client.DefaultRequestHeaders.Add(TestSite.RemoteAddressHeader, address);
        var token = Forms.AntiforgeryToken(await client.GetStringAsync("/Account/SignIn"));
        var (verified, hashed) = (_hasher.Verified, _hasher.Hashed);
        var response = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        return (response, _hasher.Verified - verified, _hasher.Hashed - hashed);
    }

    [Fact]
    public async Task UnknownLockedAndWrongPassword_EachRunTheHasherExactlyOnce()
    {
        await _site.AddPersonAsync(Role.Patient, "alex");
        await _site.AddPersonAsync(Role.Patient, "sam");

        var unknown = await AttemptAsync("nobody", "guess", "10.8.0.1");
        var wrong = await AttemptAsync("alex", "guess", "10.8.0.2");
        for (var i = 0; i < PasswordSignIn.LockAfter; i++)
            await AttemptAsync("sam", "guess", "10.8.0.3");
        var lockedWrong = await AttemptAsync("sam", "guess", "10.8.0.4");
        var lockedRight = await AttemptAsync("sam", TestSite.Password, "10.8.0.5");
        var right = await AttemptAsync("alex", TestSite.Password, "10.8.0.6");

        foreach (var (name, attempt) in new[] { ("unknown", unknown), ("wrong password", wrong), ("locked, wrong password", lockedWrong), ("locked, right password", lockedRight) })
        {
            Assert.True(attempt.Response.StatusCode == HttpStatusCode.OK, $"{name}: {(int)attempt.Response.StatusCode}");
            Assert.Contains(SignInModel.Refused.Split('.')[0], await attempt.Response.Content.ReadAsStringAsync());
            Assert.True(attempt.Verified == 1, $"{name}: the hasher verified {attempt.Verified} times");
            Assert.True(attempt.Hashed == 0, $"{name}: the hasher hashed {attempt.Hashed} times");
        }
        Assert.Equal(HttpStatusCode.Redirect, right.Response.StatusCode);
        Assert.Equal(1, right.Verified);
    }

    public void Dispose() => _site.Dispose();

    /// <summary>The site's own hasher, counting its calls.</summary>
    private sealed class CountingHasher : IPasswordHasher<Person>
    {
        private readonly PasswordHasher<Person> _inner = new();
        private int _verified;
        private int _hashed;

        public int Verified => Volatile.Read(ref _verified);
        public int Hashed => Volatile.Read(ref _hashed);

        public string HashPassword(Person user, string password)
        {
            Interlocked.Increment(ref _hashed);
            return _inner.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(Person user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verified);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
