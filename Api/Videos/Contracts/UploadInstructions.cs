namespace Platform.Api.Videos.Contracts;

/// <summary>How to send the file: straight to object storage, with these headers, before <see cref="ExpiresAt"/>.</summary>
public sealed record UploadInstructions(string Method, string Url, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ExpiresAt);

public sealed record CreatedVideoResponse(VideoResponse Video, UploadInstructions Upload);

public sealed record VideoEnvelope(VideoResponse Video);

/// <summary>One page of videos; <see cref="NextCursor"/> fetches the next one (null at the end).</summary>
public sealed record VideoPage(IReadOnlyList<VideoResponse> Items, string? NextCursor);
