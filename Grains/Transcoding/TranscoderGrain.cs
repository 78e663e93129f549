using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Platform.Grains.Interfaces.Transcoding;

namespace Platform.Grains.Transcoding;

/// <summary>
/// Receives the jobs of one video from the job stream and records them on the job board, then
/// returns: the work never runs inside delivery (a consumer that takes longer than a grain call is
/// retried and then skipped). The silos' transcode workers take recorded jobs, at most
/// <c>Transcoding:MaxConcurrentJobs</c> each, so jobs spread over the cluster and a job whose silo
/// dies is taken again by another. A job delivered twice is recorded once.
/// </summary>
[ImplicitStreamSubscription(TranscodeStreams.Jobs)]
public sealed class TranscoderGrain(ITranscodeJobBoard board, ILogger<TranscoderGrain> logger) : Grain, ITranscoderGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        await this.GetStreamProvider(TranscodeStreams.Provider)
            .GetStream<TranscodeJob>(StreamId.Create(TranscodeStreams.Jobs, this.GetPrimaryKey()))
            .SubscribeAsync(OnJob);

    private async Task OnJob(TranscodeJob job, StreamSequenceToken? token)
    {
        if (job.VideoId != this.GetPrimaryKey())
        {
            logger.LogWarning("Transcoder {VideoId} received a job of video {Other}; ignored", this.GetPrimaryKey(), job.VideoId);
            return;
        }
        await board.RecordAsync(job);
        logger.LogInformation("Transcoder {VideoId}: job of attempt {Attempt} received and recorded", job.VideoId, job.Attempt);
        DeactivateOnIdle(); // nothing to keep in memory: the board holds the job
    }
}
