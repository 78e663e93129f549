namespace Platform.Api.Videos.Multipart;

/// <summary>
/// How a file of <see cref="SizeBytes"/> is cut: parts of <see cref="PartSize"/> bytes (the last one
/// shorter), numbered 1 to <see cref="PartCount"/>. The size is at least the configured part size
/// and grows in whole MiB so that no file needs more than the allowed number of parts.
/// </summary>
public sealed record PartPlan(long SizeBytes, long PartSize, int PartCount)
{
    private const long MiB = 1024 * 1024;

    /// <summary>S3's largest part.</summary>
    public const long MaxPartSize = 5L * 1024 * MiB;

    /// <summary>The plan for a new upload of <paramref name="sizeBytes"/> under the current settings.</summary>
    public static PartPlan For(long sizeBytes, MultipartOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeBytes);
        var needed = (sizeBytes + options.MaxParts - 1) / options.MaxParts;
        return Of(sizeBytes, Math.Min(MaxPartSize, Math.Max(options.PartBytes, (needed + MiB - 1) / MiB * MiB)));
    }

    /// <summary>The plan of an upload opened with parts of <paramref name="partSize"/> (kept by the video).</summary>
    public static PartPlan Of(long sizeBytes, long partSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partSize);
        return new PartPlan(sizeBytes, partSize, (int)((sizeBytes + partSize - 1) / partSize));
    }

    /// <summary>The size part <paramref name="partNumber"/> must have.</summary>
    public long SizeOf(int partNumber) => partNumber < PartCount ? PartSize : SizeBytes - (PartCount - 1) * PartSize;

    public bool Has(int partNumber) => partNumber >= 1 && partNumber <= PartCount;
}
