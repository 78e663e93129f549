using System.Text.RegularExpressions;
using Platform.Api.Infrastructure.Errors;
using Platform.Grains.Interfaces.Videos;

namespace Platform.Api.Videos;

/// <summary>The field rules of the video routes.</summary>
public static partial class VideoFields
{
    public const int TitleLength = 200;
    public const int DescriptionLength = 5000;
    public const int FileNameLength = 255;

    public static string? Title(this RequestErrors errors, string? value, bool required)
    {
        if (value is null)
        {
            if (required) errors.Add("title", "A title is required.");
            return null;
        }
        var title = errors.Text(value, "title", TitleLength);
        if (string.IsNullOrEmpty(title) && !errors.Any) errors.Add("title", "The title may not be empty.");
        return title;
    }

    public static VideoVisibility? Visibility(this RequestErrors errors, string? value)
    {
        if (value is null) return null;
        if (VideoText.TryVisibility(value, out var visibility)) return visibility;
        errors.Add("visibility", "Visibility is public, unlisted or private.");
        return null;
    }

    public static string? FileName(this RequestErrors errors, string? value)
    {
        var name = errors.Text(value, "fileName", FileNameLength);
        if (string.IsNullOrEmpty(name)) errors.Add("fileName", "The file's name is required.");
        return name;
    }

    /// <summary>A well-formed media type; whether it is a video is answered apart (415, not 400).</summary>
    public static string? ContentType(this RequestErrors errors, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add("contentType", "The file's content type is required, e.g. video/mp4.");
            return null;
        }
        if (!MediaType().IsMatch(value))
        {
            errors.Add("contentType", "The content type is not a media type (type/subtype).");
            return null;
        }
        return value.ToLowerInvariant();
    }

    public static bool IsVideo(string contentType) => contentType.StartsWith("video/", StringComparison.Ordinal);

    public static long? SizeBytes(this RequestErrors errors, long? value)
    {
        if (value is null) errors.Add("sizeBytes", "The file's size in bytes is required.");
        else if (value <= 0) errors.Add("sizeBytes", "The file's size must be positive.");
        return value;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,63}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$")]
    private static partial Regex MediaType();
}
