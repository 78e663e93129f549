using Microsoft.Extensions.Options;
using Platform.Api.Infrastructure.Errors;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Api.Accounts.Sessions;

/// <summary>
/// Refuses unsafe requests that carry the session cookie but come from a page of a foreign
/// origin (CSRF). Bearer-authenticated requests cannot be forged by a browser and pass.
/// </summary>
public sealed class CrossSiteRequestGuard(RequestDelegate next, IOptions<PlatformOptions> platform, SessionCookie cookie, ILogger<CrossSiteRequestGuard> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (IsForeignCookieRequest(context.Request))
        {
            logger.LogWarning("Refused a cookie-authenticated {Method} {Path} from a foreign origin", context.Request.Method, context.Request.Path);
            await ApiProblems.Forbidden("Cookie-authenticated requests must come from an allowed origin.").ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private bool IsForeignCookieRequest(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
            return false;
        var (_, viaCookie) = cookie.ReadToken(request);
        if (!viaCookie) return false;

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0) return !platform.Value.IsAllowedOrigin(origin);
        // Without Origin, browsers still say whether the request crossed sites.
        return request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site";
    }
}
