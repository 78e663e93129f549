using System.ComponentModel.DataAnnotations;

namespace Platform.Api.Infrastructure.RateLimiting;

/// <summary>Per-client-IP limits (<c>RateLimits:*</c>); per-account limits live in the grains.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Auth attempts (register, login, verify) per client IP per window.</summary>
    [Range(1, int.MaxValue)] public int AuthPerIp { get; set; } = 30;
    /// <summary>
    /// Auth attempts per client network (IPv4 /24, IPv6 /48) per window, all its addresses
    /// together: one network holding many addresses must not take the silo's password hashing
    /// for everyone.
    /// </summary>
    [Range(1, int.MaxValue)] public int AuthPerNetwork { get; set; } = 120;
    public TimeSpan AuthWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Code sends per client IP per window.</summary>
    [Range(1, int.MaxValue)] public int CodeSendsPerIp { get; set; } = 20;
    public TimeSpan CodeSendWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Session tokens per client IP per window that this API node has not seen valid before
    /// (made-up, expired, revoked, or new sessions' first use); beyond it such tokens are answered
    /// 429 without being checked. Sessions already seen valid are not counted.
    /// </summary>
    [Range(1, int.MaxValue)] public int UnverifiedSessionsPerIp { get; set; } = 60;
    public TimeSpan UnverifiedSessionWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Videos created per client IP per window (each is a grain, a reminder and a row; the upload follows).</summary>
    [Range(1, int.MaxValue)] public int VideoCreatesPerIp { get; set; } = 60;
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan VideoCreateWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Playlist requests per client IP per window (each reads the video, a playlist and signs its segments).</summary>
    [Range(1, int.MaxValue)] public int PlaylistsPerIp { get; set; } = 600;
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan PlaylistWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Public segment and thumbnail requests per client IP per window (each reads the video and signs one URL; a player asks one segment per 4 s).</summary>
    [Range(1, int.MaxValue)] public int MediaPerIp { get; set; } = 3000;
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan MediaWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Listing and search requests per client IP per window (each queries the read model and signs a page of URLs).</summary>
    [Range(1, int.MaxValue)] public int ListingsPerIp { get; set; } = 300;
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan ListingWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Multipart upload calls per client IP per window (create, sign parts, list, complete, abort: each a grain call and a storage call or signatures).</summary>
    [Range(1, int.MaxValue)] public int UploadCallsPerIp { get; set; } = 600;
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan UploadCallWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Views counted per client IP per window (each is a grain call; a player sends one per video watched).</summary>
    [Range(1, int.MaxValue)] public int ViewsPerIp { get; set; } = 600;
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan ViewWindow { get; set; } = TimeSpan.FromMinutes(1);
}
