using System.Net;
using System.Net.Sockets;

namespace Platform.ServiceDefaults.Configuration;

/// <summary>
/// Addresses and networks in settings, read strictly: <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>
/// also takes shorthand such as <c>10.1</c> (= 10.0.0.1), so a typo could quietly trust the wrong
/// host. IPv4 must be written as four dotted numbers.
/// </summary>
public static class AddressText
{
    public static bool TryParseAddress(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrWhiteSpace(text) || !IPAddress.TryParse(text, out var parsed)) return false;
        if (parsed.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') != 3) return false;
        address = parsed;
        return true;
    }

    /// <summary>A network in CIDR form (<c>10.0.0.0/8</c>, <c>fd00::/8</c>) whose address part is strict.</summary>
    public static bool TryParseNetwork(string? text, out IPNetwork network)
    {
        network = default;
        var slash = text?.IndexOf('/') ?? -1;
        return slash > 0 && TryParseAddress(text![..slash], out _) && IPNetwork.TryParse(text, out network);
    }
}
