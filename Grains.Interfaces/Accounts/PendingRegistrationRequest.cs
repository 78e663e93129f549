namespace Platform.Grains.Interfaces.Accounts;

/// <summary>One registration of an unverified address: the hash of the client's handle, its password hash and name.</summary>
[GenerateSerializer, Alias("PendingRegistrationRequest")]
public sealed record PendingRegistrationRequest(
    [property: Id(0)] byte[] HandleHash,
    [property: Id(1)] string PasswordHash,
    [property: Id(2)] string? Name);
