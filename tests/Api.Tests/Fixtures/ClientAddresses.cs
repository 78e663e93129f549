namespace Platform.Api.Tests.Fixtures;

/// <summary>
/// Client addresses that no other test in this run uses, told to the API in <c>X-Forwarded-For</c>
/// (the fixtures trust loopback as a proxy), so per-IP limits count each test's clients alone.
/// </summary>
public static class ClientAddresses
{
    private static int _last;

    /// <summary>A fresh IPv4 address from 198.18.0.0/15, the block set aside for network tests, in a /24 of its own (per-network limits count by /24).</summary>
    public static string NextIPv4()
    {
        var n = Interlocked.Increment(ref _last);
        return $"198.{18 + n / 256 % 2}.{n % 256}.7";
    }

    /// <summary>A fresh IPv6 /64 from 2001:db8::/32, the documentation block, in a /48 of its own: its prefix, to append an interface id to (e.g. <c>prefix + "1"</c>).</summary>
    public static string NextIPv6Network()
    {
        var n = Interlocked.Increment(ref _last);
        return $"2001:db8:{n % 65536:x}:1::";
    }

    private static int _lastNetwork;

    /// <summary>
    /// A fresh IPv4 /24 from 100.64.0.0/10 (apart from <see cref="NextIPv4"/>'s block): its prefix,
    /// to append a host number to (e.g. <c>prefix + "1"</c>). The account limits count per /24.
    /// </summary>
    public static string NextIPv4Network()
    {
        var n = Interlocked.Increment(ref _lastNetwork);
        return $"100.{64 + n / 256 % 64}.{n % 256}.";
    }

    /// <summary>The header that makes a request come from <paramref name="address"/>.</summary>
    public static Dictionary<string, string> As(string address) => new() { ["X-Forwarded-For"] = address };
}
