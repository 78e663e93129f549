namespace Platform.Grains.Interfaces.Accounts;

/// <summary>What a social provider told us about the person who signed in.</summary>
[GenerateSerializer, Alias("ExternalIdentity")]
public sealed record ExternalIdentity(
    [property: Id(0)] string Email,
    [property: Id(1)] bool EmailVerified,
    [property: Id(2)] string? Name,
    [property: Id(3)] string? Image);
