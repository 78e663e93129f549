using System.ComponentModel.DataAnnotations;

namespace Platform.Api.Videos.Multipart;

/// <summary>Resumable uploads in parts (<c>Videos:Multipart</c>).</summary>
public sealed class MultipartOptions
{
    public const string Section = "Videos:Multipart";

    /// <summary>The smallest part size handed out (default 16 MiB; S3 takes no part under 5 MiB but the last).</summary>
    [Range(5L * 1024 * 1024, 5L * 1024 * 1024 * 1024)] public long PartBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Parts one upload has at most (default 1,000: one page of ListParts; S3 allows 10,000). Larger files get larger parts.</summary>
    [Range(1, 10_000)] public int MaxParts { get; set; } = 1000;

    /// <summary>How long a pre-signed part URL works (default 1 h, at most 1 h); an aborted upload refuses its parts whatever their URLs say.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")] public TimeSpan PartUrlLifetime { get; set; } = TimeSpan.FromHours(1);
}
