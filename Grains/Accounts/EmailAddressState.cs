namespace Platform.Grains.Accounts;

/// <summary>
/// What an owned address keeps in the database. Failure and send counts are not here: they live
/// in the grain's memory for every address alike (see <see cref="EmailAddressGrain"/>).
/// </summary>
[GenerateSerializer, Alias("EmailAddressState")]
public sealed class EmailAddressState
{
    [Id(0)] public Guid? Owner { get; set; }
    // Ids 1 to 4 held failure and send counts, persisted for owned addresses only.
    /// <summary>Registrations of this address, verified or not, within the link lifetime (every registered address is owned).</summary>
    [Id(5)] public List<NetworkEvent> Registrations { get; set; } = [];
    /// <summary>Networks (keyed) the owner signed in from lately: the ceilings do not apply to them.</summary>
    [Id(6)] public List<NetworkEvent> TrustedNetworks { get; set; } = [];
}
