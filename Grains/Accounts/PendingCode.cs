using System.Security.Cryptography;

namespace Platform.Grains.Accounts;

/// <summary>A six-digit code from a CSPRNG, stored only as a salted hash keyed by the server (<see cref="SecretHasher"/>).</summary>
[GenerateSerializer, Alias("PendingCode")]
public sealed class PendingCode
{
    [Id(0)] public byte[] Salt { get; set; } = [];
    [Id(1)] public byte[] Hash { get; set; } = [];
    [Id(2)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(3)] public int FailedAttempts { get; set; }
    /// <summary>The password of the registration this code was mailed for; null for sign-in codes.</summary>
    [Id(4)] public string? PasswordHash { get; set; }

    public static (PendingCode Pending, string Code) Create(DateTimeOffset expiresAt, string? passwordHash, SecretHasher hasher)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");
        var salt = RandomNumberGenerator.GetBytes(16);
        return (new PendingCode { Salt = salt, Hash = hasher.Code(salt, code), ExpiresAt = expiresAt, PasswordHash = passwordHash }, code);
    }

    public bool Matches(string code, SecretHasher hasher) =>
        code.Length == 6 && code.All(char.IsAsciiDigit) && CryptographicOperations.FixedTimeEquals(hasher.Code(Salt, code), Hash);
}
