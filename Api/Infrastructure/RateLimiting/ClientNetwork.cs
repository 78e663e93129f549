using System.Net;
using System.Net.Sockets;

namespace Platform.Api.Infrastructure.RateLimiting;

/// <summary>
/// The client network the per-address account limits count by: an IPv4 /24 or an IPv6 /48, the
/// blocks one subscriber or one site usually holds. The grains store it only under a keyed hash
/// (<c>SecretHasher.Network</c>), never as it is.
/// </summary>
public static class ClientNetwork
{
    public static string Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        var (prefixBytes, bits) = address.AddressFamily == AddressFamily.InterNetworkV6 ? (6, 48) : (3, 24);
        Array.Clear(bytes, prefixBytes, bytes.Length - prefixBytes);
        return $"{new IPAddress(bytes)}/{bits}";
    }
}
