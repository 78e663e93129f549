using System.Globalization;

namespace Platform.Silo.Transcoding;

/// <summary>
/// The arguments of one FFmpeg process that decodes the source once and encodes every rung
/// (split + scale), H.264 capped per rung (so the master playlist's BANDWIDTH is the video's,
/// not only the audio's) and AAC when the source has audio, into ~4 s segments with keyframes
/// aligned across rungs, VOD playlists and a master playlist. Given as a list, never one string,
/// so no path can break the command.
/// </summary>
public static class FfmpegLadderArguments
{
    public const string MasterPlaylist = "master.m3u8";

    public static IReadOnlyList<string> For(LadderJob job)
    {
        var rungs = job.Rungs;
        var args = new List<string> { "-nostdin", "-hide_banner", "-loglevel", "error", "-xerror", "-y", "-progress", "pipe:1", "-nostats", "-i", job.InputPath };
        var split = $"[0:v]split={rungs.Count}" + string.Concat(rungs.Select((_, i) => $"[s{i}]"));
        var scales = rungs.Select((r, i) => $"[s{i}]scale={r.Width}:{r.Height}[v{i}]");
        args.AddRange(["-filter_complex", string.Join(';', new[] { split }.Concat(scales))]);
        var keyframes = $"expr:gte(t,n_forced*{job.SegmentSeconds})";
        for (var i = 0; i < rungs.Count; i++)
        {
            var rate = rungs[i].VideoBitsPerSecond.ToString(CultureInfo.InvariantCulture);
            var buffer = (rungs[i].VideoBitsPerSecond * 2L).ToString(CultureInfo.InvariantCulture);
            args.AddRange(["-map", $"[v{i}]", $"-c:v:{i}", "libx264", $"-preset:v:{i}", "veryfast", $"-crf:v:{i}", "23",
                $"-maxrate:v:{i}", rate, $"-bufsize:v:{i}", buffer, $"-pix_fmt:v:{i}", "yuv420p", $"-force_key_frames:v:{i}", keyframes]);
            if (job.HasAudio) args.AddRange(["-map", "0:a:0", $"-c:a:{i}", "aac", $"-b:a:{i}", "128k", $"-ac:a:{i}", "2"]);
        }
        var streams = rungs.Select((r, i) => job.HasAudio ? $"v:{i},a:{i},name:{r.Name}" : $"v:{i},name:{r.Name}");
        args.AddRange([
            "-sc_threshold", "0",
            "-f", "hls", "-hls_time", job.SegmentSeconds.ToString(CultureInfo.InvariantCulture), "-hls_playlist_type", "vod",
            "-hls_flags", "independent_segments",
            "-hls_segment_filename", Path.Combine(job.OutputDirectory, "%v", "segment_%05d.ts"),
            "-master_pl_name", MasterPlaylist,
            "-var_stream_map", string.Join(' ', streams),
            Path.Combine(job.OutputDirectory, "%v", "index.m3u8"),
        ]);
        return args;
    }
}
