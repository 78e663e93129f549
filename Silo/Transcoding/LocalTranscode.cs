using System.Globalization;
using Platform.Grains.Transcoding;

namespace Platform.Silo.Transcoding;

/// <summary>
/// A source file to an HLS ladder and a thumbnail in a work folder: probe first (not a video →
/// <see cref="InvalidMediaException"/> at once; FFmpeg killed or out of resources →
/// <see cref="IOException"/>, to be retried), one FFmpeg process for every rung with progress
/// as a fraction, then the produced files are checked — not only the exit code: every playlist
/// complete, and the ladder as long as the probed source (a truncated file probes whole but
/// encodes short).
/// </summary>
public static class LocalTranscode
{
    /// <summary>How much shorter than the probed duration the output may be (the last partial frame, rounding).</summary>
    private const double LengthTolerance = 0.9;

    public static async Task<TranscodeOutput> RunAsync(string input, string workDirectory, Action<double>? progress, CancellationToken ct)
    {
        var facts = await MediaProbe.ProbeAsync(input, ct) ?? throw new InvalidMediaException("The file is not a video that can be read.");
        MediaLimits.Check(facts);
        var rungs = LadderPlan.For(facts.Width, facts.Height);
        var hls = Path.Combine(workDirectory, "hls");
        var thumbnail = Path.Combine(workDirectory, "thumbnail.jpg");
        // The picture is taken while the ladder is made (a fraction of a second of one core). The
        // ladder's verdict comes first (a truncated file is invalid media, whatever the picture did);
        // whatever ends the ladder ends the picture's process too.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var picture = TakePictureAsync(input, thumbnail, facts.Duration, stop.Token);
        var ladder = FfmpegProcess.RunAsync(FfmpegLadderArguments.For(new LadderJob(input, hls, rungs, facts.HasAudio)),
            done => progress?.Invoke(Math.Clamp(done / facts.Duration, 0, 1)), stop.Token);
        try
        {
            var (exit, errors) = await ladder;
            if (exit != 0 && IsTransient(exit, errors)) throw new IOException($"FFmpeg stopped before the end (exit {exit}: {FirstLine(errors)}); the job can be tried again.");
            if (exit != 0) throw new InvalidMediaException("The video could not be decoded to its end: the file is damaged or uses a format that cannot be read.", FirstLine(errors));
            foreach (var rung in rungs) CheckPlaylist(Path.Combine(hls, rung.Name, "index.m3u8"), facts.Duration);
            if (!File.Exists(Path.Combine(hls, FfmpegLadderArguments.MasterPlaylist))) throw new InvalidOperationException("FFmpeg wrote no master playlist.");
            try
            {
                await picture;
            }
            catch (IOException)
            {
                // Once more from the very first frame (the usual spot may be unreadable in an otherwise good file).
                await TakePictureAsync(input, thumbnail, TimeSpan.Zero, ct);
            }
        }
        finally
        {
            await stop.CancelAsync();
            // Both processes are gone before the caller removes the work folder; their own errors were seen above.
            try { await Task.WhenAll(ladder, picture); } catch (Exception) { }
        }
        progress?.Invoke(1);
        return new TranscodeOutput(facts, rungs, hls, thumbnail);
    }

    private static async Task TakePictureAsync(string input, string thumbnail, TimeSpan duration, CancellationToken ct)
    {
        var (exit, errors) = await FfmpegProcess.RunAsync(FfmpegThumbnailArguments.For(input, thumbnail, duration), null, ct);
        if (exit != 0 || !File.Exists(thumbnail) || new FileInfo(thumbnail).Length == 0)
            throw new IOException($"No picture could be taken from the video ({FirstLine(errors)}); the job can be tried again.");
    }

    private static void CheckPlaylist(string path, TimeSpan expected)
    {
        if (!File.Exists(path)) throw new InvalidOperationException($"FFmpeg wrote no playlist {path}.");
        var lines = File.ReadAllLines(path);
        if (!lines.Contains("#EXT-X-ENDLIST")) throw new InvalidMediaException("The video ended before it was complete.");
        var seconds = lines.Where(l => l.StartsWith("#EXTINF:", StringComparison.Ordinal))
            .Sum(l => double.Parse(l["#EXTINF:".Length..].Split(',')[0], CultureInfo.InvariantCulture));
        var directory = Path.GetDirectoryName(path)!;
        if (lines.Where(l => l.Length > 0 && !l.StartsWith('#')).Any(segment => !File.Exists(Path.Combine(directory, segment))))
            throw new InvalidOperationException($"A segment of {path} is missing.");
        if (seconds < expected.TotalSeconds * LengthTolerance)
            throw new InvalidMediaException($"The video is {seconds:0.#} s long where its file says {expected.TotalSeconds:0.#} s: the file looks truncated.");
    }

    /// <summary>Killed (a signal: 128 + n, or 255 after SIGTERM), or out of disk or memory: not the file's fault.</summary>
    private static bool IsTransient(int exit, string errors) =>
        exit < 0 || exit >= 128 || errors.Contains("No space left", StringComparison.OrdinalIgnoreCase) || errors.Contains("Cannot allocate memory", StringComparison.OrdinalIgnoreCase);

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() is { } line
            ? line[..Math.Min(line.Length, 200)] : "no message";
}
