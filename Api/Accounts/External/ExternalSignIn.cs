using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Platform.Grains.Interfaces.Accounts;

namespace Platform.Api.Accounts.External;

/// <summary>
/// The authorization code flow with PKCE (S256), <c>state</c> and, for OpenID Connect,
/// <c>nonce</c> and id_token validation. Returns who the provider says signed in.
/// </summary>
public sealed class ExternalSignIn(HttpClient http, ILogger<ExternalSignIn> logger)
{
    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _discovery = new();

    public static string NewSecret() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static string Challenge(string codeVerifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier)));

    public async Task<Uri> AuthorizeUrl(ExternalProvider provider, Uri redirectUri, string state, string codeVerifier, string? nonce, CancellationToken ct)
    {
        var endpoint = provider.Options.AuthorizationEndpoint
            ?? (provider.UsesOpenIdConnect ? new Uri((await Discover(provider, ct)).AuthorizationEndpoint) : new Uri("https://github.com/login/oauth/authorize"));
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = provider.Options.ClientId,
            ["redirect_uri"] = redirectUri.AbsoluteUri,
            ["scope"] = provider.Scopes,
            ["state"] = state,
            ["code_challenge"] = Challenge(codeVerifier),
            ["code_challenge_method"] = "S256",
        };
        if (nonce is not null) query["nonce"] = nonce;
        return new Uri(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(endpoint.AbsoluteUri, query));
    }

    public async Task<ExternalIdentityWithSubject> Complete(ExternalProvider provider, PendingExternalSignIn pending, Uri redirectUri, string code, CancellationToken ct)
    {
        var tokens = await ExchangeCode(provider, pending, redirectUri, code, ct);
        return provider.UsesOpenIdConnect
            ? await IdentityFromOpenIdConnect(provider, pending, tokens, ct)
            : await IdentityFromGitHub(provider, tokens, ct);
    }

    private async Task<JsonElement> ExchangeCode(ExternalProvider provider, PendingExternalSignIn pending, Uri redirectUri, string code, CancellationToken ct)
    {
        var endpoint = provider.Options.TokenEndpoint
            ?? (provider.UsesOpenIdConnect ? new Uri((await Discover(provider, ct)).TokenEndpoint) : new Uri("https://github.com/login/oauth/access_token"));
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = redirectUri.AbsoluteUri,
                ["client_id"] = provider.Options.ClientId,
                ["client_secret"] = provider.Options.ClientSecret,
                ["code_verifier"] = pending.CodeVerifier,
            }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            logger.LogWarning("Provider {Provider} refused the code exchange with {Status}", provider.Id, (int)response.StatusCode);
            throw new ExternalSignInException("The provider refused the authorization code.");
        }
        var json = ParseJson(body);
        if (json.TryGetProperty("error", out var error))
        {
            logger.LogWarning("Provider {Provider} answered the code exchange with error {Error}", provider.Id, error.ToString());
            throw new ExternalSignInException("The provider refused the authorization code.");
        }
        return json;
    }

    private async Task<ExternalIdentityWithSubject> IdentityFromOpenIdConnect(ExternalProvider provider, PendingExternalSignIn pending, JsonElement tokens, CancellationToken ct)
    {
        if (!tokens.TryGetProperty("id_token", out var idTokenElement) || idTokenElement.GetString() is not { } idToken)
            throw new ExternalSignInException("The provider returned no id_token.");
        var configuration = await Discover(provider, ct);
        var validation = await ValidateIdToken(idToken, provider, configuration);
        if (validation.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The provider rotated its keys since discovery was cached: fetch them again, once.
            _discovery[provider.Id].RequestRefresh();
            configuration = await Discover(provider, ct);
            validation = await ValidateIdToken(idToken, provider, configuration);
        }
        if (!validation.IsValid)
        {
            logger.LogWarning(validation.Exception, "Provider {Provider} sent an id_token that does not validate", provider.Id);
            throw new ExternalSignInException("The provider's id_token is not valid.");
        }
        var claims = validation.Claims;
        if (!claims.TryGetValue("nonce", out var nonce) || nonce?.ToString() != pending.Nonce)
            throw new ExternalSignInException("The id_token does not answer this sign-in (nonce mismatch).");
        var subject = claims.TryGetValue("sub", out var sub) ? sub?.ToString() : null;
        if (string.IsNullOrEmpty(subject)) throw new ExternalSignInException("The id_token names no subject.");

        string? email = Claim(claims, "email");
        bool verified = claims.TryGetValue("email_verified", out var ev) && IsTrue(ev);
        string? name = Claim(claims, "name");
        string? picture = Claim(claims, "picture");

        var userInfoEndpoint = provider.Options.UserInfoEndpoint ?? (configuration.UserInfoEndpoint is { Length: > 0 } u ? new Uri(u) : null);
        if (email is null && userInfoEndpoint is not null && tokens.TryGetProperty("access_token", out var access))
        {
            var info = await GetJson(userInfoEndpoint, access.GetString()!, ct);
            if (!NamesSubject(info, subject))
                throw new ExternalSignInException("The provider's userinfo does not name the signed-in subject.");
            email = String(info, "email");
            verified = info.TryGetProperty("email_verified", out var iv) && IsTrue(iv);
            name ??= String(info, "name");
            picture ??= String(info, "picture");
        }
        if (email is null) throw new ExternalSignInException("The provider shared no email address.");
        return new ExternalIdentityWithSubject(subject, new ExternalIdentity(email, verified, ProviderProfile.Name(name), ProviderProfile.Picture(picture)));
    }

    /// <summary>
    /// Whether a userinfo answer is about <paramref name="subject"/> (OpenID Connect Core 5.3.2:
    /// its <c>sub</c> must equal the id_token's; an answer without one is refused).
    /// </summary>
    public static bool NamesSubject(JsonElement userInfo, string subject) =>
        userInfo.ValueKind == JsonValueKind.Object
        && userInfo.TryGetProperty("sub", out var sub)
        && sub.ValueKind == JsonValueKind.String
        && sub.GetString() == subject;

    private async Task<ExternalIdentityWithSubject> IdentityFromGitHub(ExternalProvider provider, JsonElement tokens, CancellationToken ct)
    {
        if (!tokens.TryGetProperty("access_token", out var accessElement) || accessElement.GetString() is not { } access)
            throw new ExternalSignInException("The provider returned no access token.");
        var user = await GetJson(provider.Options.UserInfoEndpoint ?? new Uri("https://api.github.com/user"), access, ct);
        var subject = user.TryGetProperty("id", out var id) ? id.ToString() : throw new ExternalSignInException("GitHub returned no user id.");
        var emails = await GetJson(provider.Options.EmailsEndpoint ?? new Uri("https://api.github.com/user/emails"), access, ct);
        // A verified address first (the primary one among them), else the primary one unverified.
        var chosen = emails.ValueKind == JsonValueKind.Array
            ? emails.EnumerateArray()
                .Where(e => String(e, "email") is not null)
                .OrderByDescending(e => IsTrue(e.TryGetProperty("verified", out var v) ? v : default))
                .ThenByDescending(e => IsTrue(e.TryGetProperty("primary", out var p) ? p : default))
                .Select(e => (Email: String(e, "email")!, Verified: IsTrue(e.TryGetProperty("verified", out var v) ? v : default)))
                .FirstOrDefault()
            : default;
        var (email, verified) = chosen.Email is not null ? chosen : (String(user, "email") ?? throw new ExternalSignInException("GitHub shared no email address."), false);
        return new ExternalIdentityWithSubject(subject, new ExternalIdentity(email, verified,
            ProviderProfile.Name(String(user, "name") ?? String(user, "login")), ProviderProfile.Picture(String(user, "avatar_url"))));
    }

    private static Task<TokenValidationResult> ValidateIdToken(string idToken, ExternalProvider provider, OpenIdConnectConfiguration configuration) =>
        new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = provider.Options.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(2),
        });

    private async Task<OpenIdConnectConfiguration> Discover(ExternalProvider provider, CancellationToken ct)
    {
        var manager = _discovery.GetOrAdd(provider.Id, _ =>
        {
            var authority = provider.Authority!.ToString().TrimEnd('/');
            return new ConfigurationManager<OpenIdConnectConfiguration>(
                $"{authority}/.well-known/openid-configuration",
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever(http) { RequireHttps = provider.Authority.Scheme == Uri.UriSchemeHttps });
        });
        var configuration = await manager.GetConfigurationAsync(ct);
        // Keys and endpoints are trusted because they come from the configured authority: a
        // document that names another issuer is refused rather than believed.
        if (!string.Equals(configuration.Issuer?.TrimEnd('/'), provider.Authority!.ToString().TrimEnd('/'), StringComparison.Ordinal))
        {
            logger.LogWarning("Provider {Provider}'s discovery names issuer {Issuer}, not the configured authority {Authority}", provider.Id, configuration.Issuer, provider.Authority);
            throw new ExternalProviderException("The sign-in provider's configuration does not match its settings.");
        }
        return configuration;
    }

    private async Task<JsonElement> GetJson(Uri endpoint, string accessToken, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Platform", "1.0"));
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            logger.LogWarning("Provider endpoint {Endpoint} answered {Status}", endpoint, (int)response.StatusCode);
            throw new ExternalSignInException("The provider did not share the account's details.");
        }
        return ParseJson(await response.Content.ReadAsStringAsync(ct));
    }

    private static JsonElement ParseJson(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ExternalSignInException("The provider answered with something that is not JSON.", e);
        }
    }

    private static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? Claim(IDictionary<string, object> claims, string name) =>
        claims.TryGetValue(name, out var value) && value?.ToString() is { Length: > 0 } s ? s : null;

    private static bool IsTrue(object? value) => value switch
    {
        bool b => b,
        string s => s.Equals("true", StringComparison.OrdinalIgnoreCase),
        JsonElement { ValueKind: JsonValueKind.True } => true,
        _ => false,
    };
}
