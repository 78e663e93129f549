namespace Platform.Grains.Accounts;

[GenerateSerializer, Alias("EmailAddressState")]
public sealed class EmailAddressState
{
    [Id(0)] public Guid? Owner { get; set; }
    // Ids 1 and 2 held failures and sends counted per address only, before they were counted per network.
    [Id(3)] public List<NetworkEvent> LoginFailures { get; set; } = [];
    [Id(4)] public List<NetworkEvent> CodeSends { get; set; } = [];
    /// <summary>Registrations of this address, verified or not, within the link lifetime.</summary>
    [Id(5)] public List<NetworkEvent> Registrations { get; set; } = [];
}
