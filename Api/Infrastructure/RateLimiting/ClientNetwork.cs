using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Platform.Api.Infrastructure.RateLimiting;

/// <summary>
/// The client network the per-address account limits count by: an IPv4 /24 or an IPv6 /48, the
/// blocks one subscriber or one site usually holds. Handed to the grains as an opaque key (a
/// truncated hash), so no client address is stored with an account.
/// </summary>
public static class ClientNetwork
{
    public static string Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        var prefix = address.AddressFamily == AddressFamily.InterNetworkV6 ? 6 : 3;
        Array.Clear(bytes, prefix, bytes.Length - prefix);
        return Convert.ToBase64String(SHA256.HashData(bytes).AsSpan(0, 12));
    }
}
