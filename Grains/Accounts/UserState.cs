namespace Platform.Grains.Accounts;

[GenerateSerializer, Alias("UserState")]
public sealed class UserState
{
    [Id(0)] public string? Email { get; set; }
    [Id(1)] public string? Name { get; set; }
    [Id(2)] public string? Image { get; set; }
    [Id(3)] public bool EmailVerified { get; set; }
    /// <summary>The account's password; null until a verified owner has set one.</summary>
    [Id(4)] public string? PasswordHash { get; set; }
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The latest one-time code (sign-in or verification); a new one replaces it.</summary>
    [Id(6)] public PendingCode? Code { get; set; }
    // Id 7 held the single verification link of the time before registrations were kept apart.
    [Id(8)] public List<SessionRecord> Sessions { get; set; } = [];
    /// <summary>Registrations of the address while it is unverified, each with its own code and link.</summary>
    [Id(9)] public List<PendingRegistration> Registrations { get; set; } = [];
    [Id(10)] public PendingCode? ResetCode { get; set; }
    [Id(11)] public PendingLink? ResetLink { get; set; }
    /// <summary>The random salt every registration of this user is hashed with (one hash checks them all).</summary>
    [Id(12)] public byte[]? RegistrationSalt { get; set; }
}
