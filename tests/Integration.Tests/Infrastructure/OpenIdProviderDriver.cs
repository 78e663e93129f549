using System.Net;

namespace Platform.Integration.Tests.Infrastructure;

/// <summary>
/// Plays the person at the dev OpenID provider over plain HTTP (no browser): follows the
/// authorize URL, submits the login form and returns the redirect back to the platform.
/// It shares the cookie jar of the <see cref="ApiClient"/>, as one browser would.
/// </summary>
public sealed class OpenIdProviderDriver(ApiClient browser) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = browser.Cookies, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(15) };

    /// <summary>Signs in at the provider as <paramref name="login"/>; returns the callback URL the provider redirects to.</summary>
    public async Task<Uri> SignInAsync(Uri authorizeUrl, string login, bool abort = false)
    {
        var interaction = await RedirectAsync(await _http.GetAsync(authorizeUrl), authorizeUrl);
        Assert.Contains("/interaction/", interaction.AbsolutePath);
        Uri resume;
        if (abort)
        {
            resume = await RedirectAsync(await _http.GetAsync(new Uri(interaction, interaction.AbsolutePath + "/abort")), interaction);
        }
        else
        {
            var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["prompt"] = "login", ["login"] = login, ["password"] = "any" });
            resume = await RedirectAsync(await _http.PostAsync(interaction, form), interaction);
        }
        return await RedirectAsync(await _http.GetAsync(resume), resume);
    }

    private static async Task<Uri> RedirectAsync(HttpResponseMessage response, Uri from)
    {
        Assert.True(response.StatusCode is HttpStatusCode.SeeOther or HttpStatusCode.Found,
            $"Expected a redirect from {from}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return new Uri(from, response.Headers.Location!);
    }

    public void Dispose() => _http.Dispose();
}
