using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Api.Accounts.Sessions;

/// <summary>
/// The session cookie: HttpOnly, SameSite=Lax, Path=/. Over https it is Secure and named with the
/// <c>__Host-</c> prefix, which browsers accept only from a secure origin, host-only and for the
/// whole site, so no subdomain or plain-http page can plant or shadow it.
/// </summary>
public sealed class SessionCookie(IOptions<PlatformOptions> platform)
{
    public const string PlainName = "platform_session";
    public const string HostPrefixedName = "__Host-platform_session";

    public string Name => platform.Value.IsHttps ? HostPrefixedName : PlainName;

    public void Write(HttpContext context, string token, DateTimeOffset expiresAt) =>
        context.Response.Cookies.Append(Name, token, Options(expiresAt));

    public void Delete(HttpContext context) => context.Response.Cookies.Delete(Name, Options(null));

    /// <summary>The session token the request carries: the bearer header first, then this cookie.</summary>
    public (string? Token, bool ViaCookie) ReadToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return (header[7..].Trim(), false);
        return request.Cookies.TryGetValue(Name, out var value) ? (value, true) : (null, false);
    }

    private CookieOptions Options(DateTimeOffset? expiresAt) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        Secure = platform.Value.IsHttps,
        Expires = expiresAt,
    };
}
