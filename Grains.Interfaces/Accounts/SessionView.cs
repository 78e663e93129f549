namespace Platform.Grains.Interfaces.Accounts;

[GenerateSerializer, Alias("SessionView")]
public sealed record SessionView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] string? Device = null,
    [property: Id(4)] DateTimeOffset LastUsedAt = default);
