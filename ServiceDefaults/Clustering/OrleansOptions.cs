using System.ComponentModel.DataAnnotations;
using System.Net;
using Platform.ServiceDefaults.Configuration;

namespace Platform.ServiceDefaults.Clustering;

/// <summary>
/// The cluster (<c>Orleans:*</c>). Silos and API nodes with the same ids and database form one
/// cluster; the ports and address matter to silos only.
/// </summary>
public sealed class OrleansOptions : IValidatableObject
{
    public const string Section = "Orleans";

    [Required] public string ClusterId { get; set; } = "platform";

    /// <summary>Changing it orphans stored grain state.</summary>
    [Required] public string ServiceId { get; set; } = "platform";

    [Range(1, 65535)] public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)] public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients use; unset = the host's address.</summary>
    public string? AdvertisedIP { get; set; }

    public IPAddress? AdvertisedAddress => AddressText.TryParseAddress(AdvertisedIP, out var address) ? address : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(AdvertisedIP) && AdvertisedAddress is null)
            yield return new ValidationResult($"Setting '{Section}:{nameof(AdvertisedIP)}' holds '{AdvertisedIP}', which is not an IP address.", [nameof(AdvertisedIP)]);
    }
}
