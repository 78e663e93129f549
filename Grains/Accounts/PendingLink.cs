using System.Security.Cryptography;
using Platform.Grains.Interfaces.Accounts;

namespace Platform.Grains.Accounts;

/// <summary>The single-use secret behind an emailed link; only its keyed hash is kept.</summary>
[GenerateSerializer, Alias("PendingLink")]
public sealed class PendingLink
{
    [Id(0)] public Guid Id { get; set; }
    [Id(1)] public byte[] SecretHash { get; set; } = [];
    [Id(2)] public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>A new link for <paramref name="userId"/>: the record to keep and the token to mail.</summary>
    public static (PendingLink Pending, string Token) Create(Guid userId, DateTimeOffset expiresAt, SecretHasher hasher)
    {
        var token = UserToken.Create(userId, Guid.NewGuid());
        return (new PendingLink { Id = token.Id, SecretHash = hasher.Link(token.SecretHash), ExpiresAt = expiresAt }, token.ToString());
    }

    public bool Matches(Guid linkId, byte[] secretHash, SecretHasher hasher) =>
        Id == linkId && CryptographicOperations.FixedTimeEquals(SecretHash, hasher.Link(secretHash));
}
