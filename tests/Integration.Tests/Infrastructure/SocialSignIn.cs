using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace Platform.Integration.Tests.Infrastructure;

/// <summary>
/// Steps shared by the social sign-in tests (any provider): start a sign-in at the Api, hand the
/// provider's redirect back to the Api, and make a verified password account to link to.
/// The part played at the provider is <see cref="OpenIdProviderDriver"/>.
/// </summary>
public static class SocialSignIn
{
    public const string Password = "a long enough passphrase";

    public static string NewEmail(string tag) => $"{tag}-{Guid.NewGuid():N}@example.test";

    /// <summary>
    /// Starts a sign-in with <paramref name="provider"/> through <c>POST /api/auth/login</c> and returns
    /// the provider's authorize URL, after checking what every provider must get: PKCE with S256, a
    /// state and the Api's callback for that provider on its public address.
    /// </summary>
    public static async Task<Uri> StartAsync(ApiClient client, Uri publicBaseUrl, string provider, string? redirectTo = null)
    {
        var started = await (await client.PostJsonAsync("/api/auth/login", new { provider, redirectTo })).ExpectAsync(HttpStatusCode.OK);
        var url = new Uri(started.GetProperty("url").GetString()!);
        var query = QueryHelpers.ParseQuery(url.Query);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.False(string.IsNullOrEmpty(query["state"]));
        Assert.Equal(new Uri(publicBaseUrl, $"/api/auth/callback/{provider}").ToString(), query["redirect_uri"]);
        return url;
    }

    /// <summary>Sends the provider's redirect (to the Api's callback) with this client's cookies.</summary>
    public static async Task<HttpResponseMessage> CallbackAsync(ApiClient client, Uri callback)
    {
        Assert.Equal(client.BaseUrl.Authority, callback.Authority);
        return await client.GetAsync(callback.PathAndQuery);
    }

    /// <summary>Registers a password account for <paramref name="email"/>, verifies it by the mailed code and returns its user id.</summary>
    public static async Task<string> RegisteredAndVerifiedUserIdAsync(ApiClient client, string email)
    {
        var registered = await (await client.PostJsonAsync("/api/auth/register", new { email, password = Password })).ExpectAsync(HttpStatusCode.Accepted);
        var registration = registered.GetProperty("registration").GetString();
        var verified = await (await client.PostJsonAsync("/api/auth/verify-email", new { email, code = (await MailCapture.WaitForAsync(email)).Code, registration })).ExpectAsync(HttpStatusCode.OK);
        return verified.GetProperty("user").GetProperty("id").GetString()!;
    }
}
