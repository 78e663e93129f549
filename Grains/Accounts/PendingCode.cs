using System.Security.Cryptography;
using Platform.Grains.Interfaces.Accounts;

namespace Platform.Grains.Accounts;

/// <summary>A six-digit code from a CSPRNG, stored only as a salted hash keyed by the server (<see cref="SecretHasher"/>).</summary>
/// <remarks>Wrong guesses are counted by the address grain, per client network, not here.</remarks>
[GenerateSerializer, Alias("PendingCode")]
public sealed class PendingCode
{
    [Id(0)] public byte[] Salt { get; set; } = [];
    [Id(1)] public byte[] Hash { get; set; } = [];
    [Id(2)] public DateTimeOffset ExpiresAt { get; set; }

    public static (PendingCode Pending, string Code) Create(DateTimeOffset expiresAt, SecretHasher hasher)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");
        var salt = RandomNumberGenerator.GetBytes(16);
        return (new PendingCode { Salt = salt, Hash = hasher.Code(salt, code), ExpiresAt = expiresAt }, code);
    }

    public bool Matches(string code, SecretHasher hasher) =>
        code.Length == 6 && code.All(char.IsAsciiDigit) && CryptographicOperations.FixedTimeEquals(hasher.Code(Salt, code), Hash);

    /// <summary>
    /// None when <paramref name="code"/> is this code and still valid; CodeExpired when it is this
    /// code but expired (until one more lifetime has passed; after that a code is as if none had
    /// been sent); InvalidCode otherwise.
    /// </summary>
    public AuthFailure Judge(string code, DateTimeOffset now, TimeSpan lifetime, SecretHasher hasher)
    {
        if (now >= ExpiresAt + lifetime || !Matches(code, hasher)) return AuthFailure.InvalidCode;
        return now >= ExpiresAt ? AuthFailure.CodeExpired : AuthFailure.None;
    }
}
