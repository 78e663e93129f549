namespace Platform.Grains.Interfaces.Accounts;

/// <summary>
/// What vouches for a password reset: the emailed code, or the link's single-use secret (the
/// SHA-256 the API computes of it) for the user the link names.
/// </summary>
[GenerateSerializer, Alias("PasswordResetProof")]
public sealed record PasswordResetProof(
    [property: Id(0)] string? Code,
    [property: Id(1)] Guid LinkUserId = default,
    [property: Id(2)] Guid LinkId = default,
    [property: Id(3)] byte[]? LinkSecretHash = null)
{
    public static PasswordResetProof FromCode(string code) => new(code);

    public static PasswordResetProof FromLink(UserToken token) => new(null, token.UserId, token.Id, token.SecretHash);

    public bool IsLink => LinkSecretHash is not null;
}
