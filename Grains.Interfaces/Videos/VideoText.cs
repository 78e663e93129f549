using System.Text.Json;

namespace Platform.Grains.Interfaces.Videos;

/// <summary>How statuses and visibilities are spelled in the API and the read model (<c>awaiting_upload</c>, <c>public</c>, …).</summary>
public static class VideoText
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Of(VideoStatus status) => status switch
    {
        VideoStatus.AwaitingUpload => "awaiting_upload",
        VideoStatus.Queued => "queued",
        VideoStatus.Processing => "processing",
        VideoStatus.Ready => "ready",
        VideoStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string Of(VideoVisibility visibility) => visibility switch
    {
        VideoVisibility.Public => "public",
        VideoVisibility.Unlisted => "unlisted",
        VideoVisibility.Private => "private",
        _ => throw new ArgumentOutOfRangeException(nameof(visibility)),
    };

    public static VideoStatus StatusOf(string text) => text switch
    {
        "awaiting_upload" => VideoStatus.AwaitingUpload,
        "queued" => VideoStatus.Queued,
        "processing" => VideoStatus.Processing,
        "ready" => VideoStatus.Ready,
        "failed" => VideoStatus.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(text)),
    };

    public static bool TryVisibility(string? text, out VideoVisibility visibility)
    {
        (var ok, visibility) = text switch
        {
            "public" => (true, VideoVisibility.Public),
            "unlisted" => (true, VideoVisibility.Unlisted),
            "private" => (true, VideoVisibility.Private),
            _ => (false, default),
        };
        return ok;
    }
}
