using System.Security.Cryptography;
using System.Text;

namespace Platform.Grains.Users;

/// <summary>
/// PBKDF2-HMAC-SHA256 at OWASP ASVS 5.0 Appendix C strength (600,000 iterations), in a
/// versioned text format <c>v1$pbkdf2-sha256$iterations$salt$hash</c> so that parameters can be
/// raised later: a hash made with weaker parameters than the current ones asks to be rehashed.
/// </summary>
public static class PasswordHasher
{
    public const int Iterations = 600_000;
    private const string Scheme = "v1$pbkdf2-sha256";
    private const int SaltLength = 16;
    private const int HashLength = 32;

    // Verifying against this keeps a miss (unknown account) as slow as a hit.
    private static readonly string Decoy = Hash("decoy password that never matches");

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        var hash = Derive(password, salt, Iterations);
        return $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static PasswordCheck Verify(string? stored, string password)
    {
        if (stored is null || !TryParse(stored, out var iterations, out var salt, out var expected))
        {
            Verify(Decoy, password);
            return PasswordCheck.Wrong;
        }
        var actual = Derive(password, salt, iterations);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected)) return PasswordCheck.Wrong;
        return iterations < Iterations ? PasswordCheck.RightButRehash : PasswordCheck.Right;
    }

    /// <summary>Spends the time of one verification, so refusals without an account take as long.</summary>
    public static void SpendEquivalentTime(string password) => Verify(Decoy, password);

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashLength);

    private static bool TryParse(string stored, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        var parts = stored.Split('$');
        if (parts.Length != 5 || $"{parts[0]}${parts[1]}" != Scheme || !int.TryParse(parts[2], out iterations)) return false;
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

public enum PasswordCheck
{
    Wrong,
    Right,
    RightButRehash,
}
