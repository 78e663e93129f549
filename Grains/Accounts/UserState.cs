namespace Platform.Grains.Accounts;

[GenerateSerializer, Alias("UserState")]
public sealed class UserState
{
    [Id(0)] public string? Email { get; set; }
    [Id(1)] public string? Name { get; set; }
    [Id(2)] public string? Image { get; set; }
    [Id(3)] public bool EmailVerified { get; set; }
    [Id(4)] public string? PasswordHash { get; set; }
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    [Id(6)] public PendingCode? Code { get; set; }
    [Id(7)] public PendingLink? VerificationLink { get; set; }
    [Id(8)] public List<SessionRecord> Sessions { get; set; } = [];
}
