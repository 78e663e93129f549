namespace Platform.Grains.Interfaces.Transcoding;

/// <summary>
/// One attempt at transcoding one video, as the video grain publishes it on the job stream. The
/// broker and the stream may deliver it more than once: whoever receives it records it idempotently
/// (the pair video + attempt names the job). The owner lets workers share out their slots fairly.
/// </summary>
[GenerateSerializer, Alias("TranscodeJob")]
public sealed record TranscodeJob(
    [property: Id(0)] Guid VideoId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] string SourceKey,
    [property: Id(3)] long SizeBytes,
    [property: Id(4)] DateTimeOffset NotBefore,
    [property: Id(5)] Guid OwnerId = default);
