using System.ComponentModel.DataAnnotations;

namespace Platform.ServiceDefaults.Storage;

/// <summary>Object storage (<c>S3:*</c>).</summary>
public sealed class S3Options
{
    public const string Section = "S3";

    [Required(ErrorMessage = "Set S3:Endpoint (environment variable S3__Endpoint), e.g. http://minio:9000.")]
    public Uri? Endpoint { get; set; }
    [Required(ErrorMessage = "Set S3:AccessKey (environment variable S3__AccessKey).")]
    public string AccessKey { get; set; } = "";
    [Required(ErrorMessage = "Set S3:SecretKey (environment variable S3__SecretKey).")]
    public string SecretKey { get; set; } = "";
    [Required(ErrorMessage = "Set S3:Bucket (environment variable S3__Bucket).")]
    public string Bucket { get; set; } = "platform";
    public string Region { get; set; } = "us-east-1";
    /// <summary>The endpoint clients use for pre-signed URLs, when it differs from <see cref="Endpoint"/>.</summary>
    public Uri? PublicEndpoint { get; set; }
}
