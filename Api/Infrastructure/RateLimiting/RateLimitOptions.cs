using System.ComponentModel.DataAnnotations;

namespace Platform.Api.Infrastructure.RateLimiting;

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

    /// <summary>
    /// Refused session tokens (malformed, unknown, expired, revoked) per client IP per window;
    /// beyond it the client's tokens are not checked but answered 429 until the window slides.
    /// </summary>
    [Range(1, int.MaxValue)] public int RefusedSessionsPerIp { get; set; } = 60;
    public TimeSpan RefusedSessionWindow { get; set; } = TimeSpan.FromMinutes(1);
}
