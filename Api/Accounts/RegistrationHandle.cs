using System.Buffers.Text;
using System.Security.Cryptography;

namespace Platform.Api.Accounts;

/// <summary>
/// The opaque handle a registration answers with: 256 random bits, of which the grains keep only
/// the SHA-256. Verifying with it makes that registration's password the account's. Every
/// well-formed registration gets one, whether or not the address is taken.
/// </summary>
public readonly record struct RegistrationHandle(string Text, byte[] Hash)
{
    private const int Length = 32;

    public static RegistrationHandle Create()
    {
        var secret = RandomNumberGenerator.GetBytes(Length);
        return new RegistrationHandle(Base64Url.EncodeToString(secret), SHA256.HashData(secret));
    }

    /// <summary>The hash of a handle a client sent back, or null when it is not one we could have made.</summary>
    public static byte[]? TryHash(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 64 || !Base64Url.IsValid(text)) return null;
        Span<byte> bytes = stackalloc byte[48];
        if (Base64Url.DecodeFromChars(text, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != Length) return null;
        return SHA256.HashData(bytes[..Length]);
    }
}
