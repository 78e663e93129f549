using System.ComponentModel.DataAnnotations;

namespace Platform.Api.Hosting;

/// <summary>Where the platform is reached from outside (<c>Platform:*</c>).</summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    /// <summary>The public base URL of the API: links, OAuth callbacks, the cookie's Secure flag.</summary>
    [Required(ErrorMessage = "Set Platform:PublicBaseUrl (environment variable Platform__PublicBaseUrl), e.g. https://videos.example.com.")]
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Further origins (web apps) allowed to send cookie-authenticated requests and to be redirected to.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    public bool IsHttps => PublicBaseUrl?.Scheme == Uri.UriSchemeHttps;

    public bool IsAllowedOrigin(string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)) return false;
        var candidate = OriginOf(uri);
        return (PublicBaseUrl is not null && OriginOf(PublicBaseUrl) == candidate)
            || AllowedOrigins.Any(o => Uri.TryCreate(o, UriKind.Absolute, out var allowed) && OriginOf(allowed) == candidate);
    }

    private static string OriginOf(Uri uri) => uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
}

/// <summary>Per-client-IP limits (<c>RateLimits:*</c>); per-account limits live in the grains.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Auth attempts (register, login, verify) per client IP per window.</summary>
    [Range(1, int.MaxValue)] public int AuthPerIp { get; set; } = 30;
    public TimeSpan AuthWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Code sends per client IP per window.</summary>
    [Range(1, int.MaxValue)] public int CodeSendsPerIp { get; set; } = 20;
    public TimeSpan CodeSendWindow { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Object storage (<c>S3:*</c>).</summary>
public sealed class S3Options
{
    public const string Section = "S3";

    [Required(ErrorMessage = "Set S3:Endpoint (environment variable S3__Endpoint), e.g. http://minio:9000.")]
    public Uri? Endpoint { get; set; }
    [Required(ErrorMessage = "Set S3:AccessKey (environment variable S3__AccessKey).")]
    public string AccessKey { get; set; } = "";
    [Required(ErrorMessage = "Set S3:SecretKey (environment variable S3__SecretKey).")]
    public string SecretKey { get; set; } = "";
    [Required(ErrorMessage = "Set S3:Bucket (environment variable S3__Bucket).")]
    public string Bucket { get; set; } = "platform";
    public string Region { get; set; } = "us-east-1";
    /// <summary>The endpoint clients use for pre-signed URLs, when it differs from <see cref="Endpoint"/>.</summary>
    public Uri? PublicEndpoint { get; set; }
}
