using System.Net;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Configuration;

/// <summary>Production safety for URLs in settings: secrets and sessions never cross a network in clear.</summary>
public static class TransportRules
{
    /// <summary>https, or any scheme in Development, or a loopback host (nothing crosses a network).</summary>
    public static bool IsSecureEnough(Uri url, IHostEnvironment environment) =>
        environment.IsDevelopment() || url.Scheme == Uri.UriSchemeHttps || IsLoopback(url.Host);

    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IsLoopback(address));

    /// <summary>A loopback caller, also when an IPv4 one arrives on a dual-stack socket.</summary>
    public static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
