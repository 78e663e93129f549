namespace Platform.Grains.Interfaces.Videos;

/// <summary>The video after a request, or why the request was refused.</summary>
[GenerateSerializer, Alias("VideoOutcome")]
public sealed record VideoOutcome(
    [property: Id(0)] VideoView? Video,
    [property: Id(1)] VideoFailure Failure)
{
    public static VideoOutcome Of(VideoView video) => new(video, VideoFailure.None);
    public static VideoOutcome Fail(VideoFailure failure) => new(null, failure);
}
