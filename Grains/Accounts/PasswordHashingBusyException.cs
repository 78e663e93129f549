namespace Platform.Grains.Accounts;

/// <summary>The hashing pool stayed full for its queue timeout; the caller answers 503 with <see cref="RetryAfter"/>.</summary>
public sealed class PasswordHashingBusyException(TimeSpan retryAfter) : Exception("Password hashing is busy.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
