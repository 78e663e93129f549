using System.ComponentModel.DataAnnotations;

namespace Platform.Grains.Videos;

/// <summary>The video rules of API.md and the pipeline's watchdog, bound from <c>Videos:Rules</c>.</summary>
public sealed class VideoRules
{
    public const string Section = "Videos:Rules";

    /// <summary>The largest upload accepted (default 2 GiB).</summary>
    [Range(1, long.MaxValue)] public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Transcode attempts before a video fails for good (transient faults only; invalid media fails at once).</summary>
    [Range(1, 10)] public int MaxAttempts { get; set; } = 3;

    /// <summary>An upload not completed within this time is removed, object and video (default 24 h).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")] public TimeSpan UploadExpiry { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A running attempt with no progress for this long is stalled: it is abandoned and the next one queued (default 2 min).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan StallTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A job still queued this long after it was published is published again (harmless: jobs are recorded once).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan RepublishAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait before the second attempt; it doubles for each further one (default 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")] public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A removed video's folder is swept once more after this, then the video is forgotten: keep it longer than an upload URL lives (<c>Videos:Urls:UploadLifetime</c>, at most 1 h) plus the longest upload.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan DeletedSweepAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often the watchdog looks at a video in the pipeline (an Orleans reminder: at least 1 min in production).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan WatchdogPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
