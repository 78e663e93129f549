using System.ComponentModel.DataAnnotations;

namespace Platform.Grains.Accounts;

/// <summary>The silo's password-hashing pool, bound from <c>Auth:PasswordHashing</c>.</summary>
public sealed class PasswordHashingOptions : IValidatableObject
{
    public const string Section = "Auth:PasswordHashing";

    /// <summary>Hashes computed at once; 0 means one per core.</summary>
    [Range(0, 1024)] public int Concurrency { get; set; }

    /// <summary>How long a hash may wait for a free slot before the request is refused with 503.</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The Retry-After of that refusal.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    public int EffectiveConcurrency => Concurrency > 0 ? Concurrency : Environment.ProcessorCount;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (QueueTimeout < TimeSpan.Zero) yield return new ValidationResult($"Setting '{Section}:{nameof(QueueTimeout)}' may not be negative.", [nameof(QueueTimeout)]);
        if (RetryAfter <= TimeSpan.Zero) yield return new ValidationResult($"Setting '{Section}:{nameof(RetryAfter)}' must be positive.", [nameof(RetryAfter)]);
    }
}
