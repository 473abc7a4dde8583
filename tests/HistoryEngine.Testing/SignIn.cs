namespace HistoryEngine.Testing;

/// <summary>Signs in through the site's own forms, as a browser with JavaScript off would.</summary>
public static class SignIn
{
    /// <summary>Fetches the sign-in form and posts it.</summary>
    public static async Task<HttpResponseMessage> PasswordAsync(HttpClient client, string userName, string password)
    {
        var html = await client.GetStringAsync("/Account/SignIn");
        return await Forms.PostAsync(client, "/Account/SignIn", html, ("UserName", userName), ("Password", password));
    }

    /// <summary>Posts a code on the two-factor page, as a clinician would after their password.</summary>
    public static async Task<HttpResponseMessage> CodeAsync(HttpClient client, string code)
    {
        var html = await client.GetStringAsync("/Account/TwoFactor");
        return await Forms.PostAsync(client, "/Account/TwoFactor", html, ("Code", code));
    }
}
