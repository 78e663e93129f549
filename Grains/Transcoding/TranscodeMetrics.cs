using System.Diagnostics.Metrics;

namespace Platform.Grains.Transcoding;

/// <summary>What the pipeline tells an operator, on the <see cref="MeterName"/> meter.</summary>
public static class TranscodeMetrics
{
    public const string MeterName = "Platform.Transcoding";

    private static readonly Meter Meter = new(MeterName);
    private static long _waiting;

    private static readonly Counter<long> JobsQueued = Meter.CreateCounter<long>(
        "platform.transcoding.jobs_queued", "{job}", "Jobs published to the job stream (a republished job counts again).");
    private static readonly UpDownCounter<long> JobsRunning = Meter.CreateUpDownCounter<long>(
        "platform.transcoding.jobs_running", "{job}", "Jobs this silo's workers are running.");
    private static readonly Counter<long> JobsSucceeded = Meter.CreateCounter<long>(
        "platform.transcoding.jobs_succeeded", "{job}", "Jobs whose ladder was stored and accepted by the video.");
    private static readonly Counter<long> JobsFailed = Meter.CreateCounter<long>(
        "platform.transcoding.jobs_failed", "{job}", "Jobs that ended without a ladder, by error code and whether they are retried.");
    private static readonly Histogram<double> JobDuration = Meter.CreateHistogram<double>(
        "platform.transcoding.job_duration", "s", "Wall time of a job on a worker: download, FFmpeg, upload.");
    private static readonly Histogram<double> Realtime = Meter.CreateHistogram<double>(
        "platform.transcoding.realtime_factor", "1", "Seconds of video per second of work (x-realtime) of a succeeded job.");

    static TranscodeMetrics()
    {
        Meter.CreateObservableGauge("platform.transcoding.queue_depth", () => Interlocked.Read(ref _waiting), "{job}",
            "Jobs recorded on the job board and not yet taken by a worker (as last counted by this silo).");
    }

    public static void Queued() => JobsQueued.Add(1);

    public static void Started() => JobsRunning.Add(1);

    public static void Stopped() => JobsRunning.Add(-1);

    public static void Succeeded(TimeSpan took, double videoSeconds)
    {
        JobsSucceeded.Add(1);
        JobDuration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("outcome", "succeeded"));
        if (took > TimeSpan.Zero) Realtime.Record(videoSeconds / took.TotalSeconds);
    }

    public static void Failed(TimeSpan took, string code, bool retried)
    {
        JobsFailed.Add(1, new KeyValuePair<string, object?>("code", code), new KeyValuePair<string, object?>("retried", retried));
        JobDuration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("outcome", "failed"));
    }

    public static void Waiting(long jobs) => Interlocked.Exchange(ref _waiting, jobs);
}
