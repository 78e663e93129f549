namespace Platform.Grains.Interfaces.Accounts;

/// <summary>The public face of a user, as the API shows it.</summary>
[GenerateSerializer, Alias("UserView")]
public sealed record UserView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string? Name,
    [property: Id(3)] bool EmailVerified,
    [property: Id(4)] string? Image,
    [property: Id(5)] DateTimeOffset CreatedAt);
