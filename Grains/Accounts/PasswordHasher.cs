using System.Security.Cryptography;
using System.Text;

namespace Platform.Grains.Accounts;

/// <summary>
/// PBKDF2-HMAC-SHA256 in a versioned text format <c>v1$pbkdf2-sha256$iterations$salt$hash</c>, so
/// that parameters can be changed later: a hash made with other iterations than configured asks to
/// be rehashed. The cost is <see cref="AuthRules.PasswordHashIterations"/> (OWASP ASVS 5.0
/// Appendix C: at least 600,000, enforced outside Development; tests run cheaper).
/// </summary>
public sealed class PasswordHasher
{
    /// <summary>OWASP ASVS 5.0 Appendix C minimum for PBKDF2-HMAC-SHA256.</summary>
    public const int MinimumIterations = 600_000;
    private const string Scheme = "v1$pbkdf2-sha256";
    private const int SaltLength = 16;
    private const int HashLength = 32;

    // Verifying against this keeps a miss (unknown account) as slow as a hit; made at once, so
    // the first miss does not pay for making it.
    private readonly string _decoy;

    public PasswordHasher(int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        Iterations = iterations;
        _decoy = Hash("decoy password that never matches");
    }

    public int Iterations { get; }

    /// <summary>A new hash with a random salt, or with <paramref name="salt"/> (a user's registration salt).</summary>
    public string Hash(string password, byte[]? salt = null)
    {
        salt ??= RandomNumberGenerator.GetBytes(SaltLength);
        var hash = Derive(password, salt, Iterations);
        return $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public PasswordCheck Verify(string? stored, string password)
    {
        if (stored is null || !TryParse(stored, out var iterations, out var salt, out var expected))
        {
            Verify(_decoy, password);
            return PasswordCheck.Wrong;
        }
        var actual = Derive(password, salt, iterations);
        // A hash from before the cost was raised is cheaper to check than the decoy an unknown
        // address pays: spend the difference, so the time does not tell the account exists.
        if (iterations < Iterations) Derive(password, salt, Iterations - iterations);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected)) return PasswordCheck.Wrong;
        return iterations != Iterations ? PasswordCheck.RightButRehash : PasswordCheck.Right;
    }

    /// <summary>
    /// <paramref name="password"/> hashed like <paramref name="reference"/> (same salt and
    /// iterations), so that equal strings mean the same password; without a usable reference, with
    /// <paramref name="salt"/> at the configured cost. One derivation either way.
    /// </summary>
    public string HashLike(string password, string? reference, byte[] salt)
    {
        if (reference is null || !TryParse(reference, out var iterations, out var referenceSalt, out _)) return Hash(password, salt);
        var hash = Derive(password, referenceSalt, iterations);
        // A cheaper old hash is topped up to the configured cost, as in Verify.
        if (iterations < Iterations) Derive(password, referenceSalt, Iterations - iterations);
        return $"{Scheme}${iterations}${Convert.ToBase64String(referenceSalt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>The salt of a stored hash (null when it is not one of ours).</summary>
    public static byte[]? SaltOf(string stored) => TryParse(stored, out _, out var salt, out _) ? salt : null;

    /// <summary>Whether a stored hash was made with other parameters than the configured ones.</summary>
    public bool NeedsRehash(string stored) => !TryParse(stored, out var iterations, out _, out _) || iterations != Iterations;

    /// <summary>A fresh random salt for a user's registrations.</summary>
    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltLength);

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashLength);

    private static bool TryParse(string stored, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        var parts = stored.Split('$');
        if (parts.Length != 5 || $"{parts[0]}${parts[1]}" != Scheme || !int.TryParse(parts[2], out iterations) || iterations < 1) return false;
        try
        {
            salt = Convert.FromBase64String(parts[3]);
            hash = Convert.FromBase64String(parts[4]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
