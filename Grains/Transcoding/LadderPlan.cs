namespace Platform.Grains.Transcoding;

/// <summary>
/// Which renditions a source gets (API.md, Transcoding): 360p, 480p, 720p and 1080p up to the
/// source's own size measured on its short side (portrait sources too), never upscaled; a source
/// below 360p gets one rendition at its own size. Frame sizes keep the aspect ratio and are even,
/// as H.264 in 4:2:0 needs.
/// </summary>
public static class LadderPlan
{
    public const int AudioBitsPerSecond = 128_000;

    private static readonly (int ShortSide, int VideoBitsPerSecond)[] Standard =
    [
        (360, 800_000),
        (480, 1_400_000),
        (720, 2_800_000),
        (1080, 5_000_000),
    ];

    public static IReadOnlyList<LadderRung> For(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 2);
        var portrait = height > width;
        var shortSide = Math.Min(width, height);
        var longSide = Math.Max(width, height);
        var rungs = Standard.Where(s => s.ShortSide <= shortSide).ToList();
        if (rungs.Count == 0)
        {
            // Below the smallest rung: one rendition at the source's own size, at a bitrate for its area.
            var bits = (int)Math.Max(200_000, (long)Standard[0].VideoBitsPerSecond * Even(width) * Even(height) / (640 * 360));
            return [new LadderRung($"{Even(shortSide)}p", Even(width), Even(height), bits)];
        }
        return rungs.Select(r =>
        {
            // The nearest even size that keeps the aspect ratio (853.3 → 854, as players expect 854x480).
            var scaledLong = Math.Max(2, 2 * (int)Math.Round(longSide * r.ShortSide / (2.0 * shortSide)));
            var (w, h) = portrait ? (r.ShortSide, scaledLong) : (scaledLong, r.ShortSide);
            return new LadderRung($"{r.ShortSide}p", w, h, r.VideoBitsPerSecond);
        }).ToList();
    }

    private static int Even(int value) => Math.Max(2, value - value % 2);
}
