using System.Security.Cryptography;
using System.Text;

namespace Platform.Grains.Accounts;

/// <summary>
/// Hashes one-time codes and link secrets with a server-side key (<see cref="AuthRules.CodeHashKey"/>),
/// so a database dump alone does not reveal them: a 6-digit code under a salt kept beside it would
/// fall to 10^6 tries in a second.
/// </summary>
public sealed class SecretHasher(byte[] key)
{
    /// <summary>The key Development uses when none is configured; outside Development a key is required.</summary>
    public static readonly byte[] DevelopmentKey = SHA256.HashData("platform development code hash key"u8);

    /// <summary>The configured key, or the development key when none is set (validation refuses that outside Development).</summary>
    public static SecretHasher From(AuthRules rules) =>
        new(string.IsNullOrEmpty(rules.CodeHashKey) ? DevelopmentKey : Convert.FromBase64String(rules.CodeHashKey));

    public byte[] Code(byte[] salt, string code)
    {
        var input = new byte[salt.Length + Encoding.ASCII.GetByteCount(code)];
        salt.CopyTo(input, 0);
        Encoding.ASCII.GetBytes(code, input.AsSpan(salt.Length));
        return HMACSHA256.HashData(key, input);
    }

    /// <summary>
    /// The key a client network is counted and stored under: keyed, so that a database dump does
    /// not give the network back by trying every prefix.
    /// </summary>
    public string Network(string network) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("network " + network)).AsSpan(0, 12));

    /// <summary>
    /// The user grain an address without an account asks instead of an owner's: one per address,
    /// keyed (nobody can name it to make it go away), and never an account's (those are random).
    /// </summary>
    public Guid Nobody(string address) =>
        new(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("nobody " + address)).AsSpan(0, 16));

    /// <summary>The stored form of a link's secret, from the SHA-256 the API computes of it.</summary>
    public byte[] Link(byte[] secretHash) => HMACSHA256.HashData(key, secretHash);
}
