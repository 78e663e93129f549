using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Clustering;

/// <summary>
/// Outside Development, a silo that other machines can reach (advertised on a non-loopback
/// address, or on the host's address when none is set) must use TLS: without it the silo and
/// gateway ports have no authentication, and whoever reaches a gateway can call any grain.
/// Registered for silos only.
/// </summary>
public sealed class ClusterTlsOptionsValidator(IHostEnvironment environment, IOptions<OrleansOptions> orleans) : IValidateOptions<ClusterTlsOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterTlsOptions options)
    {
        if (options.Enabled || environment.IsDevelopment()) return ValidateOptionsResult.Success;
        if (orleans.Value.AdvertisedAddress is { } address && IPAddress.IsLoopback(address)) return ValidateOptionsResult.Success;
        return ValidateOptionsResult.Fail(
            $"Setting '{ClusterTlsOptions.Section}:Enabled' is false while this silo is reachable from other machines " +
            $"('{OrleansOptions.Section}:AdvertisedIP' is {(string.IsNullOrEmpty(orleans.Value.AdvertisedIP) ? "unset: the host's address" : $"'{orleans.Value.AdvertisedIP}'")}). " +
            $"Outside Development turn on {ClusterTlsOptions.Section} with the cluster's certificates, or advertise a loopback address.");
    }
}
