using System.ComponentModel.DataAnnotations;
using System.Net;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Unit.Tests.Infrastructure;

/// <summary>Who may read the API's /metrics: loopback and the listed networks, nobody else.</summary>
public sealed class TelemetryOptionsTests
{
    private static readonly TelemetryOptions WithNetworks = new() { ScrapeNetworks = ["10.0.0.0/8", "2001:db8:42::/48"] };

    private static List<ValidationResult> Validate(TelemetryOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.1.2.3")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Loopback_may_scrape_without_any_setting(string caller) => Assert.True(new TelemetryOptions().MayScrape(IPAddress.Parse(caller)));

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("10.255.255.255")]
    [InlineData("::ffff:10.1.2.3")] // an IPv4 caller on a dual-stack socket
    [InlineData("2001:db8:42:1::9")]
    public void A_caller_in_a_listed_network_may_scrape(string caller) => Assert.True(WithNetworks.MayScrape(IPAddress.Parse(caller)));

    [Theory]
    [InlineData("11.0.0.1")]
    [InlineData("203.0.113.9")]
    [InlineData("::ffff:203.0.113.9")]
    [InlineData("2001:db8:43::1")]
    [InlineData("192.168.1.1")]
    public void Any_other_caller_may_not(string caller) => Assert.False(WithNetworks.MayScrape(IPAddress.Parse(caller)));

    [Fact]
    public void Without_listed_networks_only_loopback_may_scrape() => Assert.False(new TelemetryOptions().MayScrape(IPAddress.Parse("10.0.0.1")));

    [Fact]
    public void An_unknown_caller_may_not() => Assert.False(WithNetworks.MayScrape(null));

    [Fact]
    public void Networks_in_cidr_form_are_valid() => Assert.Empty(Validate(WithNetworks));

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("not a network")]
    [InlineData("10.0.0.0/")]
    [InlineData("2001:db8::/129")]
    [InlineData("10.0.0/8")] // shorthand that IPAddress.TryParse would take
    [InlineData("10.0.0.1")] // an address without a prefix length
    public void A_network_not_in_cidr_form_is_refused_naming_the_entry(string network)
    {
        var result = Assert.Single(Validate(new TelemetryOptions { ScrapeNetworks = ["10.0.0.0/8", network] }));
        Assert.Contains("Telemetry:ScrapeNetworks:1", result.ErrorMessage);
        Assert.Contains(nameof(TelemetryOptions.ScrapeNetworks), result.MemberNames);
    }
}
