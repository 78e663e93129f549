using System.ComponentModel.DataAnnotations;

namespace Platform.ServiceDefaults.Configuration;

/// <summary>Where the platform is reached from outside (<c>Platform:*</c>).</summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    /// <summary>The public base URL of the API: links in mail, OAuth callbacks, the cookie's Secure flag.</summary>
    [Required(ErrorMessage = "Set Platform:PublicBaseUrl (environment variable Platform__PublicBaseUrl), e.g. https://videos.example.com.")]
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Further origins (web apps) allowed to send cookie-authenticated requests and to be redirected to.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    public bool IsHttps => PublicBaseUrl?.Scheme == Uri.UriSchemeHttps;

    /// <summary>The public URL's origin or one of <see cref="AllowedOrigins"/>; compared by scheme, host and port.</summary>
    public bool IsAllowedOrigin(string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)) return false;
        var candidate = OriginOf(uri);
        return (PublicBaseUrl is not null && OriginOf(PublicBaseUrl) == candidate)
            || AllowedOrigins.Any(o => Uri.TryCreate(o, UriKind.Absolute, out var allowed) && OriginOf(allowed) == candidate);
    }

    private static string OriginOf(Uri uri) => uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
}
