using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Api.Infrastructure.Errors;
using Platform.Grains.Interfaces.Accounts;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Api.Accounts.External;

/// <summary>
/// Starts and completes social sign-ins. The flow's secrets live in a grain under the
/// <c>state</c> value; a random cookie binds it to the browser that started it.
/// </summary>
public sealed class SocialSignInFlow(
    IReadOnlyList<ExternalProvider> providers,
    ExternalSignIn client,
    IGrainFactory grains,
    IOptions<PlatformOptions> platform,
    TimeProvider time,
    ILogger<SocialSignInFlow> logger)
{
    private const string BindingCookie = "platform_oauth";

    /// <summary>
    /// Over https the binding cookie has the <c>__Host-</c> prefix (so no subdomain or plain-http
    /// page can overwrite it and slip the browser into someone else's sign-in), which requires Path=/.
    /// </summary>
    private string BindingCookieName => platform.Value.IsHttps ? "__Host-" + BindingCookie : BindingCookie;
    private static readonly TimeSpan FlowLifetime = TimeSpan.FromMinutes(10);

    public sealed record Started(Uri? Url, ProblemHttpResult? Problem);
    public sealed record Completed(SignIn? SignIn, string? RedirectTo, ProblemHttpResult? Problem);

    public async Task<Started> Start(HttpContext context, string providerId, string? redirectTo)
    {
        var provider = Find(providerId);
        if (provider is null) return new Started(null, ApiProblems.Validation("provider", "Unknown sign-in provider."));
        var target = RedirectTarget.Check(redirectTo, platform.Value);
        if (target is null) return new Started(null, ApiProblems.Validation("redirectTo", "Must be a relative path or an allowed origin."));

        // Always minted here: a value the request brings may have been planted by someone who
        // could then finish this browser's sign-in. (A second start in another tab replaces it, so
        // only the latest flow of a browser completes.)
        var binding = ExternalSignIn.NewSecret();
        context.Response.Cookies.Append(BindingCookieName, binding, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Path = platform.Value.IsHttps ? "/" : "/api/auth", Secure = platform.Value.IsHttps, MaxAge = FlowLifetime,
        });

        var state = ExternalSignIn.NewSecret();
        var verifier = ExternalSignIn.NewSecret();
        var nonce = provider.UsesOpenIdConnect ? ExternalSignIn.NewSecret() : null;
        try
        {
            var url = await client.AuthorizeUrl(provider, CallbackUri(provider), state, verifier, nonce, context.RequestAborted);
            await grains.GetGrain<IExternalSignInStateGrain>(state).Start(
                new PendingExternalSignIn(provider.Id, verifier, nonce, target, Hash(binding), time.GetUtcNow() + FlowLifetime));
            logger.LogInformation("Started a social sign-in with {Provider}", provider.Id);
            return new Started(url, null);
        }
        catch (ExternalProviderException e)
        {
            return new Started(null, AccountProblems.ProviderUnavailable(e.Message));
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException or TaskCanceledException)
        {
            logger.LogWarning(e, "Could not reach provider {Provider} to start a sign-in", provider.Id);
            return new Started(null, AccountProblems.ProviderUnavailable("The sign-in provider cannot be reached right now."));
        }
    }

    /// <summary>Authorization codes are short; anything longer than this is not sent on to the provider.</summary>
    private const int MaxCodeLength = 4096;

    public async Task<Completed> Complete(HttpContext context, string providerId, string? code, string? state, string? error)
    {
        if (string.IsNullOrEmpty(state) || state.Length > 100)
            return Fail(AccountProblems.InvalidState("The sign-in state is missing."));
        var binding = context.Request.Cookies.TryGetValue(BindingCookieName, out var cookie) ? cookie : "";
        var pending = await grains.GetGrain<IExternalSignInStateGrain>(state).Consume(Hash(binding));
        var provider = Find(providerId);
        if (pending is null || provider is null || pending.Provider != provider.Id)
        {
            logger.LogWarning("Refused a social callback with an unknown, used, expired or foreign state");
            return Fail(AccountProblems.InvalidState("This sign-in is unknown, expired, already used, or was started in another browser."));
        }
        if (!string.IsNullOrEmpty(error) || string.IsNullOrEmpty(code) || code.Length > MaxCodeLength)
        {
            // What the provider (or whoever forged the callback) sent is logged only in part.
            logger.LogInformation("Provider {Provider} returned without a usable code ({Error})", provider.Id,
                error is null ? "no code" : error[..Math.Min(error.Length, 64)]);
            return Fail(AccountProblems.OAuthError(error == "access_denied" ? "The sign-in was cancelled at the provider." : "The provider did not return an authorization code."));
        }

        try
        {
            var who = await client.Complete(provider, pending, CallbackUri(provider), code, context.RequestAborted);
            var result = await grains.GetGrain<IExternalLoginGrain>($"{provider.Id}:{who.Subject}").SignIn(who.Identity);
            if (result.SignIn is null) return Fail(AccountProblems.From(result.Failure, context, result.RetryAfter));
            logger.LogInformation("Social sign-in with {Provider} completed for user {UserId}", provider.Id, result.SignIn.User.Id);
            return new Completed(result.SignIn, pending.RedirectTo, null);
        }
        catch (ExternalSignInException e)
        {
            logger.LogWarning("Social sign-in with {Provider} failed: {Reason}", provider.Id, e.Message);
            return Fail(AccountProblems.OAuthError(e.Message));
        }
        catch (ExternalProviderException e)
        {
            return Fail(AccountProblems.ProviderUnavailable(e.Message));
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException or TaskCanceledException)
        {
            logger.LogWarning(e, "Social sign-in with {Provider} failed talking to the provider", provider.Id);
            return Fail(AccountProblems.ProviderUnavailable("The sign-in provider cannot be reached right now."));
        }
    }

    private ExternalProvider? Find(string id) => providers.FirstOrDefault(p => p.Id == id.ToLowerInvariant());

    private Uri CallbackUri(ExternalProvider provider) => new(platform.Value.PublicBaseUrl!, $"/api/auth/callback/{provider.Id}");

    private static byte[] Hash(string binding) => SHA256.HashData(Encoding.UTF8.GetBytes(binding));

    private static Completed Fail(ProblemHttpResult problem) => new(null, null, problem);
}
