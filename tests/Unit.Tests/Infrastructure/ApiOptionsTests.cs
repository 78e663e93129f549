using System.ComponentModel.DataAnnotations;
using System.Net;
using Platform.Api.Infrastructure;

namespace Platform.Unit.Tests.Infrastructure;

/// <summary>The trusted proxies are IP addresses; anything else stops the API at start, naming the entry.</summary>
public sealed class ApiOptionsTests
{
    private static List<ValidationResult> Validate(ApiOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void The_defaults_are_valid() => Assert.Empty(Validate(new ApiOptions()));

    [Fact]
    public void IPv4_and_IPv6_proxies_are_valid()
    {
        var options = new ApiOptions { TrustedProxies = ["10.0.0.1", "::1", "2001:db8::5"] };
        Assert.Empty(Validate(options));
        Assert.Equal(new[] { IPAddress.Parse("10.0.0.1"), IPAddress.IPv6Loopback, IPAddress.Parse("2001:db8::5") }, options.TrustedProxyAddresses);
    }

    [Theory]
    [InlineData("load-balancer.internal")]
    [InlineData("10.0.0.0/8")] // a network, where an address is expected
    [InlineData("10.0.0.256")]
    [InlineData("10.1")] // shorthand that IPAddress.TryParse reads as 10.0.0.1
    [InlineData("167772161")] // 10.0.0.1 as one number
    [InlineData("010.0.0.1")] // octal: 8.0.0.1
    [InlineData("0x0a.0.0.1")] // hex
    [InlineData("2001:db8::/32")] // an IPv6 network
    [InlineData("")]
    public void A_proxy_that_is_not_an_ip_address_is_refused_naming_the_entry(string proxy)
    {
        var result = Assert.Single(Validate(new ApiOptions { TrustedProxies = ["10.0.0.1", proxy] }));
        Assert.Contains("Api:TrustedProxies:1", result.ErrorMessage);
        Assert.Contains(nameof(ApiOptions.TrustedProxies), result.MemberNames);
    }

    [Fact]
    public void A_body_limit_under_a_kibibyte_is_refused() =>
        Assert.Contains(Validate(new ApiOptions { MaxRequestBodyBytes = 100 }), r => r.MemberNames.Contains(nameof(ApiOptions.MaxRequestBodyBytes)));
}
