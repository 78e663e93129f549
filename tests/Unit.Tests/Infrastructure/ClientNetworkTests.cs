using System.Net;
using Platform.Api.Infrastructure.RateLimiting;

namespace Platform.Unit.Tests.Infrastructure;

/// <summary>The account limits count per client network: an IPv4 /24, an IPv6 /48.</summary>
public sealed class ClientNetworkTests
{
    private static string Of(string address) => ClientNetwork.Of(IPAddress.Parse(address));

    [Fact]
    public void Addresses_of_one_IPv4_slash_24_are_one_network()
    {
        Assert.Equal(Of("198.51.100.1"), Of("198.51.100.254"));
        Assert.NotEqual(Of("198.51.100.1"), Of("198.51.101.1"));
        Assert.Equal(Of("198.51.100.7"), Of("::ffff:198.51.100.9"));
    }

    [Fact]
    public void Addresses_of_one_IPv6_slash_48_are_one_network()
    {
        Assert.Equal(Of("2001:db8:1:2::1"), Of("2001:db8:1:ffff::2"));
        Assert.NotEqual(Of("2001:db8:1::1"), Of("2001:db8:2::1"));
    }

    [Fact]
    public void The_network_is_named_by_its_prefix()
    {
        Assert.Equal("198.51.100.0/24", Of("198.51.100.77"));
        Assert.Equal("2001:db8:1::/48", Of("2001:db8:1:2::1"));
        Assert.Equal("unknown", ClientNetwork.Of((IPAddress?)null));
    }
}
