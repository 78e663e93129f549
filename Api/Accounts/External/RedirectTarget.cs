using Platform.ServiceDefaults.Configuration;

namespace Platform.Api.Accounts.External;

/// <summary>Where a sign-in may send the browser back to: never an open redirect.</summary>
public static class RedirectTarget
{
    /// <summary>A relative path on this site, or a URL of an allowed origin; anything else is an open redirect.</summary>
    public static string? Check(string? redirectTo, PlatformOptions platform)
    {
        if (string.IsNullOrEmpty(redirectTo)) return "/";
        // Printable ASCII only: a Location header carries nothing else (clients percent-encode the rest).
        if (redirectTo.Length > 2048 || redirectTo.Any(c => c is < '!' or > '~' || c == '\\')) return null;
        if (redirectTo.StartsWith('/'))
            return redirectTo.StartsWith("//", StringComparison.Ordinal) ? null : redirectTo;
        return Uri.TryCreate(redirectTo, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && string.IsNullOrEmpty(uri.UserInfo)
            && platform.IsAllowedOrigin(redirectTo)
            ? uri.AbsoluteUri : null;
    }
}
