namespace Platform.Grains.Accounts;

[GenerateSerializer, Alias("SessionRecord")]
public sealed class SessionRecord
{
    [Id(0)] public Guid Id { get; set; }
    [Id(1)] public byte[] SecretHash { get; set; } = [];
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public DateTimeOffset RenewedAt { get; set; }
    [Id(4)] public DateTimeOffset ExpiresAt { get; set; }
}
