using System.Net;
using Platform.Api.Infrastructure.RateLimiting;

namespace Platform.Unit.Tests.Infrastructure;

/// <summary>Whom a per-IP limit counts.</summary>
public sealed class ClientIpKeyTests
{
    private static string Key(string address) => ClientIpKey.For(IPAddress.Parse(address));

    [Theory]
    [InlineData("203.0.113.9")]
    [InlineData("10.0.0.1")]
    [InlineData("127.0.0.1")]
    public void An_IPv4_client_is_counted_by_its_own_address(string address) => Assert.Equal(address, Key(address));

    [Fact]
    public void Neighbouring_IPv4_clients_are_counted_apart() => Assert.NotEqual(Key("203.0.113.9"), Key("203.0.113.10"));

    [Fact]
    public void An_IPv6_client_is_counted_by_its_64_bit_network() =>
        Assert.Equal("2001:db8:1:2::/64", Key("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::2")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff")]
    [InlineData("::1", "::2")]
    public void IPv6_addresses_in_one_64_bit_network_share_a_key(string one, string other) => Assert.Equal(Key(one), Key(other));

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1")]
    [InlineData("2001:db8:1:2::1", "2001:db9:1:2::1")]
    public void IPv6_addresses_in_different_64_bit_networks_are_counted_apart(string one, string other) => Assert.NotEqual(Key(one), Key(other));

    [Theory]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    [InlineData("::ffff:10.0.0.1", "10.0.0.1")]
    public void An_IPv4_mapped_IPv6_address_counts_as_the_IPv4_client(string mapped, string ipv4)
    {
        Assert.Equal(ipv4, Key(mapped));
        Assert.Equal(Key(ipv4), Key(mapped));
    }

    [Fact]
    public void IPv4_mapped_clients_are_not_lumped_into_one_IPv6_network() =>
        Assert.NotEqual(Key("::ffff:203.0.113.9"), Key("::ffff:203.0.113.10"));

    [Fact]
    public void An_unknown_address_has_a_key_of_its_own() => Assert.Equal("unknown", ClientIpKey.For(null));
}
