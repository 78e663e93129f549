using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Platform.Silo.Transcoding;

/// <summary>
/// Runs FFmpeg with an argument list, reports how far it got (<c>-progress pipe:1</c>:
/// <c>out_time_us</c>), keeps the end of its error output, and kills it (and its children) when
/// cancelled, so a deleted video's job ends within seconds.
/// </summary>
public static class FfmpegProcess
{
    private const int KeptErrorChars = 4_000;

    private static void Kill(Process process)
    {
        try { process.Kill(entireProcessTree: true); } catch (Exception) { /* already gone */ }
    }

    /// <returns>The exit code and the last part of what FFmpeg wrote to stderr.</returns>
    public static async Task<(int ExitCode, string Errors)> RunAsync(IReadOnlyList<string> arguments, Action<TimeSpan>? progress, CancellationToken ct)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("FFmpeg did not start.");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (errors)
            {
                errors.AppendLine(e.Data);
                if (errors.Length > KeptErrorChars * 2) errors.Remove(0, errors.Length - KeptErrorChars);
            }
        };
        process.BeginErrorReadLine();
        using var kill = ct.Register(() => Kill(process));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(ct) is { } line)
            {
                if (progress is not null && line.StartsWith("out_time_us=", StringComparison.Ordinal)
                    && long.TryParse(line.AsSpan("out_time_us=".Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var micros) && micros >= 0)
                    progress(TimeSpan.FromTicks(micros * 10));
            }
            await process.WaitForExitAsync(ct);
            lock (errors) return (process.ExitCode, errors.ToString());
        }
        finally
        {
            // Whatever ended this (cancellation, a failing callback), no FFmpeg outlives it, and
            // it is gone before the caller removes the job's folder.
            if (!process.HasExited)
            {
                Kill(process);
                using var reaped = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try { await process.WaitForExitAsync(reaped.Token); } catch (OperationCanceledException) { }
            }
        }
    }
}
