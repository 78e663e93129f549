namespace Platform.Grains.Accounts;

[GenerateSerializer, Alias("SessionRecord")]
public sealed class SessionRecord
{
    [Id(0)] public Guid Id { get; set; }
    [Id(1)] public byte[] SecretHash { get; set; } = [];
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public DateTimeOffset RenewedAt { get; set; }
    [Id(4)] public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>The client it was started from (<see cref="Platform.Grains.Interfaces.Accounts.SessionDevice"/>), null when unknown.</summary>
    [Id(5)] public string? Device { get; set; }
    /// <summary>When it was last presented, stored at most once per <c>UserGrain.LastUsedPrecision</c>.</summary>
    [Id(6)] public DateTimeOffset LastUsedAt { get; set; }
}
