namespace Platform.Api.Videos.Contracts;

/// <summary>A new video: its metadata and the file about to be uploaded.</summary>
/// <param name="Visibility"><c>public</c> (default), <c>unlisted</c> or <c>private</c>.</param>
/// <param name="ContentType">A video type, e.g. <c>video/mp4</c>.</param>
/// <param name="SizeBytes">The file's size; the upload may not be larger (at most the configured maximum, default 2 GiB).</param>
public sealed record CreateVideoRequest(string? Title, string? Description, string? Visibility, string? FileName, string? ContentType, long? SizeBytes);
