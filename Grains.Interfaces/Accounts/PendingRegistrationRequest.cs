namespace Platform.Grains.Interfaces.Accounts;

/// <summary>
/// One registration: the hash of the client's handle, its password hash and name, and the salt
/// that hash was made with when the user had none yet (the user keeps it for all its registrations).
/// </summary>
[GenerateSerializer, Alias("PendingRegistrationRequest")]
public sealed record PendingRegistrationRequest(
    [property: Id(0)] byte[] HandleHash,
    [property: Id(1)] string PasswordHash,
    [property: Id(2)] string? Name,
    [property: Id(3)] byte[] Salt);
