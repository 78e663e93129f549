using System.ComponentModel.DataAnnotations;

namespace Platform.Grains.Videos;

/// <summary>The video rules of API.md, bound from <c>Videos:Rules</c>.</summary>
public sealed class VideoRules
{
    public const string Section = "Videos:Rules";

    /// <summary>The largest upload accepted (default 2 GiB).</summary>
    [Range(1, long.MaxValue)] public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Transcode attempts before a video fails for good (transient faults only; invalid media fails at once).</summary>
    [Range(1, 10)] public int MaxAttempts { get; set; } = 3;
}
