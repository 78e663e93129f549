using System.ComponentModel.DataAnnotations;

namespace Platform.Silo.Transcoding;

/// <summary>The silo's transcode worker (<c>Transcoding:*</c>).</summary>
public sealed class TranscodingOptions : IValidatableObject
{
    public const string Section = "Transcoding";

    /// <summary>FFmpeg processes this silo runs at once (default 1: one ladder already uses every core).</summary>
    [Range(0, 64)] public int MaxConcurrentJobs { get; set; } = 1;

    /// <summary>How long a taken job stays this silo's without a renewal; after a crash another silo takes it when this runs out.</summary>
    [Range(typeof(TimeSpan), "00:00:03", "01:00:00")] public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a running job renews its lease and checks that it is still wanted (deleted or superseded: FFmpeg is stopped).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")] public TimeSpan RenewEvery { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often an idle worker looks for a job.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")] public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Least time between two progress reports of one job (each is a write of the video).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")] public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often one attempt may be taken (its silo died each time) before it counts as failed: a source that crashes silos cannot go round for ever.</summary>
    [Range(1, 100)] public int MaxTakes { get; set; } = 3;

    /// <summary>Where each job gets its own work folder (removed when the job ends); default the system's temporary folder.</summary>
    public string? WorkFolder { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RenewEvery * 3 > Lease)
            yield return new ValidationResult($"{Section}:RenewEvery ({RenewEvery}) must be at most a third of {Section}:Lease ({Lease}), or a running job may be taken by a second worker.",
                [nameof(RenewEvery), nameof(Lease)]);
    }
}
