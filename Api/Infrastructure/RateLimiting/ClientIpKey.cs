using System.Net;
using System.Net.Sockets;

namespace Platform.Api.Infrastructure.RateLimiting;

/// <summary>Whom a per-IP limit counts: IPv4 addresses one by one, IPv6 clients by /64, the block one subscriber usually holds.</summary>
public static class ClientIpKey
{
    public static string For(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
