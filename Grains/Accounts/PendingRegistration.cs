namespace Platform.Grains.Accounts;

/// <summary>
/// One registration of an unverified address, kept apart from the others: its password never
/// becomes the account's unless the verifying request carries its handle.
/// </summary>
[GenerateSerializer, Alias("PendingRegistration")]
public sealed class PendingRegistration
{
    /// <summary>SHA-256 of the opaque handle the registering client was given.</summary>
    [Id(0)] public byte[] HandleHash { get; set; } = [];
    [Id(1)] public string PasswordHash { get; set; } = "";
    [Id(2)] public string? Name { get; set; }
    /// <summary>Null for a stand-in kept for a verified account (no mail with a code went out for it).</summary>
    [Id(3)] public PendingCode? Code { get; set; }
    [Id(4)] public PendingLink? Link { get; set; }
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
}
