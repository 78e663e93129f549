using System.Buffers.Text;
using System.Security.Cryptography;

namespace Platform.Grains.Interfaces.Accounts;

/// <summary>
/// An opaque secret that also names its user, so the API routes to the right grain without a
/// lookup: base64url(userId ‖ id ‖ 32 random bytes). Session tokens and email-verification
/// links are both of this form; only a hash of the random part is ever stored.
/// </summary>
public readonly record struct UserToken(Guid UserId, Guid Id, byte[] Secret)
{
    private const int SecretLength = 32;
    private const int Length = 16 + 16 + SecretLength;

    public static UserToken Create(Guid userId, Guid id) => new(userId, id, RandomNumberGenerator.GetBytes(SecretLength));

    public byte[] SecretHash => SHA256.HashData(Secret);

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        UserId.TryWriteBytes(bytes[..16]);
        Id.TryWriteBytes(bytes[16..32]);
        Secret.CopyTo(bytes[32..]);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryParse(string? text, out UserToken token)
    {
        token = default;
        if (string.IsNullOrEmpty(text) || text.Length > 128) return false;
        Span<byte> bytes = stackalloc byte[96];
        if (!Base64Url.IsValid(text) || Base64Url.GetMaxDecodedLength(text.Length) > bytes.Length) return false;
        if (Base64Url.DecodeFromChars(text, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != Length)
            return false;
        token = new UserToken(new Guid(bytes[..16]), new Guid(bytes[16..32]), bytes[32..Length].ToArray());
        return true;
    }
}
