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
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
