namespace Platform.Silo.Transcoding;

/// <summary>
/// What a source may be, checked right after probing: a small file can describe a huge or endless
/// video that would keep a transcoder busy for hours, so such sources are refused as invalid media.
/// </summary>
public static class MediaLimits
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(6);
    public const int MaxSide = 8192;
    public const long MaxPixels = 8192L * 4320;

    public static void Check(MediaFacts facts)
    {
        if (facts.Duration > MaxDuration)
            throw new InvalidMediaException($"The video is longer than {MaxDuration.TotalHours:0} hours, the longest accepted.");
        if (facts.Width > MaxSide || facts.Height > MaxSide || (long)facts.Width * facts.Height > MaxPixels)
            throw new InvalidMediaException($"The video's frames ({facts.Width}×{facts.Height}) are larger than 8K, the largest accepted.");
    }
}
