namespace Platform.Grains.Accounts;

/// <summary>The single-use secret behind the verification link; only its hash is kept.</summary>
[GenerateSerializer, Alias("PendingLink")]
public sealed class PendingLink
{
    [Id(0)] public Guid Id { get; set; }
    [Id(1)] public byte[] SecretHash { get; set; } = [];
    [Id(2)] public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>The password of the registration this link was mailed for.</summary>
    [Id(3)] public string? PasswordHash { get; set; }
}
