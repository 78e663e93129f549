using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Api.Accounts.Sessions;

/// <summary>The session cookie: HttpOnly, SameSite=Lax, Path=/, Secure when the public URL is https.</summary>
public sealed class SessionCookie(IOptions<PlatformOptions> platform)
{
    public const string Name = "platform_session";

    public void Write(HttpContext context, string token, DateTimeOffset expiresAt) =>
        context.Response.Cookies.Append(Name, token, Options(expiresAt));

    public void Delete(HttpContext context) => context.Response.Cookies.Delete(Name, Options(null));

    private CookieOptions Options(DateTimeOffset? expiresAt) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        Secure = platform.Value.IsHttps,
        Expires = expiresAt,
    };
}
