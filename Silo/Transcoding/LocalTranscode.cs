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
        // The picture is taken while the ladder is made (a fraction of a second of one core); it is
        // awaited, and its process ended, whatever happens to the ladder.
        using var thumbnailStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var picture = FfmpegProcess.RunAsync(FfmpegThumbnailArguments.For(input, thumbnail, facts.Duration), null, thumbnailStop.Token);
        try
        {
            var (exit, errors) = await FfmpegProcess.RunAsync(FfmpegLadderArguments.For(new LadderJob(input, hls, rungs, facts.HasAudio)),
                done => progress?.Invoke(Math.Clamp(done / facts.Duration, 0, 1)), ct);
            if (exit != 0 && IsTransient(exit, errors)) throw new IOException($"FFmpeg stopped before the end (exit {exit}: {FirstLine(errors)}); the job can be tried again.");
            if (exit != 0) throw new InvalidMediaException("The video could not be decoded to its end: the file is damaged or uses a format that cannot be read.", FirstLine(errors));
            foreach (var rung in rungs) CheckPlaylist(Path.Combine(hls, rung.Name, "index.m3u8"), facts.Duration);
            if (!File.Exists(Path.Combine(hls, FfmpegLadderArguments.MasterPlaylist))) throw new InvalidOperationException("FFmpeg wrote no master playlist.");
        }
        catch
        {
            await thumbnailStop.CancelAsync();
            try { await picture; } catch (OperationCanceledException) { }
            throw;
        }
        var (thumbExit, thumbErrors) = await picture;
        if (thumbExit != 0 || !File.Exists(thumbnail) || new FileInfo(thumbnail).Length == 0)
            throw new IOException($"No picture could be taken from the video ({FirstLine(thumbErrors)}); the job can be tried again.");
        progress?.Invoke(1);
        return new TranscodeOutput(facts, rungs, hls, thumbnail);
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
