using System.ComponentModel.DataAnnotations;

namespace Platform.Api.Videos;

/// <summary>The URLs the Api hands out for videos (<c>Videos:Urls</c>).</summary>
public sealed class VideoUrlOptions : IValidatableObject
{
    public const string Section = "Videos:Urls";

    /// <summary>How long a pre-signed upload URL works (default 15 min; at most 1 h, so a removed video's last sweep comes after it).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")] public TimeSpan UploadLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a playback URL (and the thumbnail URL) works (default 6 h).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")] public TimeSpan PlaybackLifetime { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Signs playback URLs: base64 of at least 32 random bytes, the same on every Api node.</summary>
    public string? SigningKey { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        byte[]? key = null;
        try { key = string.IsNullOrEmpty(SigningKey) ? null : Convert.FromBase64String(SigningKey); } catch (FormatException) { }
        if (key is not { Length: >= 32 })
            yield return new ValidationResult($"Set {Section}:SigningKey (environment variable Videos__Urls__SigningKey) to base64 of at least 32 random bytes (openssl rand -base64 32), the same on every Api node: it signs playback URLs.",
                [nameof(SigningKey)]);
    }
}
