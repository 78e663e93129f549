namespace Platform.Grains.Interfaces.Accounts;

/// <summary>
/// What a password check needs from the user grain, so that the slow hashing runs elsewhere:
/// whether the address is verified, the verified account's password hash (null when it has
/// none), and the salt its registrations are hashed with (null until the first one).
/// </summary>
[GenerateSerializer, Alias("PasswordState")]
public sealed record PasswordState(
    [property: Id(0)] bool EmailVerified,
    [property: Id(1)] string? PasswordHash,
    [property: Id(2)] byte[]? RegistrationSalt = null);
