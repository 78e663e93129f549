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

    /// <summary>A new hash with a random salt, or with <paramref name="salt"/> (for pending registrations, see <see cref="RegistrationSalt"/>).</summary>
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
    /// The salt every pending registration of a user is hashed with, so that one hash of a login's
    /// password is compared against all of them (a pending registration never needs more than one
    /// slow hash to check). Unique per user; salts need not be secret.
    /// </summary>
    public static byte[] RegistrationSalt(Guid userId) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"platform registration salt {userId:N}"))[..SaltLength];

    /// <summary>Whether <paramref name="stored"/> was made with <paramref name="salt"/>.</summary>
    public static bool HasSalt(string stored, byte[] salt) =>
        TryParse(stored, out _, out var storedSalt, out _) && storedSalt.AsSpan().SequenceEqual(salt);

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
