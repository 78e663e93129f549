using System.Security.Cryptography;
using System.Text;
using Platform.Grains.Interfaces.Users;

namespace Platform.Grains.Users;

/// <summary>A six-digit code from a CSPRNG, stored only as a salted hash.</summary>
[GenerateSerializer, Alias("PendingCode")]
public sealed class PendingCode
{
    [Id(0)] public byte[] Salt { get; set; } = [];
    [Id(1)] public byte[] Hash { get; set; } = [];
    [Id(2)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(3)] public int FailedAttempts { get; set; }
    /// <summary>The password of the registration this code was mailed for; null for sign-in codes.</summary>
    [Id(4)] public string? PasswordHash { get; set; }

    public static (PendingCode Pending, string Code) Create(DateTimeOffset expiresAt, string? passwordHash)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");
        var salt = RandomNumberGenerator.GetBytes(16);
        return (new PendingCode { Salt = salt, Hash = HashOf(salt, code), ExpiresAt = expiresAt, PasswordHash = passwordHash }, code);
    }

    public bool Matches(string code) =>
        code.Length == 6 && CryptographicOperations.FixedTimeEquals(HashOf(Salt, code), Hash);

    private static byte[] HashOf(byte[] salt, string code) => HMACSHA256.HashData(salt, Encoding.ASCII.GetBytes(code));
}

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

/// <summary>
/// How a code is judged before its digits are compared, shared by real codes and the decoys
/// of addresses without an account, so that both answer alike.
/// </summary>
public static class CodeRules
{
    /// <summary>None when the code may be compared; otherwise why it cannot.</summary>
    public static AuthFailure Check(int failedAttempts, DateTimeOffset expiresAt, DateTimeOffset now, AuthRules rules)
    {
        // Long after expiry a code is as if none had been sent.
        if (now >= expiresAt + rules.CodeLifetime) return AuthFailure.InvalidCode;
        if (failedAttempts >= rules.CodeMaxAttempts) return AuthFailure.TooManyAttempts;
        if (now >= expiresAt) return AuthFailure.CodeExpired;
        return AuthFailure.None;
    }
}
