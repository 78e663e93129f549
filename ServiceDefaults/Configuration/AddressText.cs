using System.Net;
using System.Net.Sockets;

namespace Platform.ServiceDefaults.Configuration;

/// <summary>
/// IP addresses in settings, read strictly: <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>
/// also takes shorthand, octal and hex forms (<c>10.1</c> = 10.0.0.1, <c>010.0.0.1</c> = 8.0.0.1),
/// so a typo could quietly trust the wrong host. IPv4 must read back exactly as written.
/// </summary>
public static class AddressText
{
    public static bool TryParseAddress(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrWhiteSpace(text) || !IPAddress.TryParse(text, out var parsed)) return false;
        if (parsed.AddressFamily == AddressFamily.InterNetwork && parsed.ToString() != text) return false;
        address = parsed;
        return true;
    }
}
