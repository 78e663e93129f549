using Microsoft.Extensions.Hosting;
using Platform.Api.Accounts.External;
using Platform.Unit.Tests.Infrastructure;

namespace Platform.Unit.Tests.Accounts;

/// <summary>Each configured social provider is complete for its type; the message names the setting.</summary>
public sealed class SocialSignInOptionsValidatorTests
{
    private static readonly SocialSignInOptionsValidator Validator = new(new FakeHostEnvironment(Environments.Production));

    private static ExternalProviderOptions Complete(string type) => new()
    {
        Type = type,
        ClientId = "client",
        ClientSecret = "secret",
        Authority = type.Equals("oidc", StringComparison.OrdinalIgnoreCase) ? new Uri("https://login.example.com") : null,
    };

    private static SocialSignInOptions With(string id, ExternalProviderOptions provider) =>
        new() { Providers = new(StringComparer.OrdinalIgnoreCase) { [id] = provider } };

    [Fact]
    public void No_providers_is_accepted() => Assert.True(Validator.Validate(null, new SocialSignInOptions()).Succeeded);

    [Theory]
    [InlineData("oidc")]
    [InlineData("github")]
    [InlineData("google")]
    [InlineData("GitHub")]
    [InlineData("OIDC")]
    public void A_complete_provider_of_a_known_type_is_accepted(string type) =>
        Assert.True(Validator.Validate(null, With("corp", Complete(type))).Succeeded);

    [Theory]
    [InlineData("saml")]
    [InlineData("")]
    [InlineData("oauth")]
    public void An_unknown_type_is_refused_naming_the_setting(string type)
    {
        var provider = Complete("github");
        provider.Type = type;
        var result = Validator.Validate(null, With("corp", provider));
        Assert.True(result.Failed);
        Assert.Contains("Auth:Providers:corp:Type", result.FailureMessage);
    }

    [Theory]
    [InlineData("oidc")]
    [InlineData("github")]
    [InlineData("google")]
    public void A_provider_without_client_id_is_refused_naming_the_setting(string type)
    {
        var provider = Complete(type);
        provider.ClientId = "";
        var result = Validator.Validate(null, With("corp", provider));
        Assert.True(result.Failed);
        Assert.Contains("Auth:Providers:corp:ClientId", result.FailureMessage);
    }

    [Theory]
    [InlineData("oidc")]
    [InlineData("github")]
    [InlineData("google")]
    public void A_provider_without_client_secret_is_refused_naming_the_setting(string type)
    {
        var provider = Complete(type);
        provider.ClientSecret = "";
        var result = Validator.Validate(null, With("corp", provider));
        Assert.True(result.Failed);
        Assert.Contains("Auth:Providers:corp:ClientSecret", result.FailureMessage);
    }

    [Fact]
    public void An_oidc_provider_needs_its_authority()
    {
        var provider = Complete("oidc");
        provider.Authority = null;
        var result = Validator.Validate(null, With("corp", provider));
        Assert.True(result.Failed);
        Assert.Contains("Auth:Providers:corp:Authority", result.FailureMessage);
    }

    [Theory]
    [InlineData("github")]
    [InlineData("google")]
    public void The_presets_know_their_endpoints_without_an_authority(string type) =>
        Assert.True(Validator.Validate(null, With(type, Complete(type))).Succeeded);

    [Fact]
    public void Every_problem_of_every_provider_is_reported_at_once()
    {
        var options = new SocialSignInOptions
        {
            Providers = new(StringComparer.OrdinalIgnoreCase)
            {
                ["corp"] = new ExternalProviderOptions { Type = "oidc" },
                ["gh"] = new ExternalProviderOptions { Type = "github", ClientId = "client" },
                ["good"] = Complete("google"),
            },
        };
        var result = Validator.Validate(null, options);
        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("Auth:Providers:corp:ClientId"));
        Assert.Contains(failures, f => f.Contains("Auth:Providers:corp:ClientSecret"));
        Assert.Contains(failures, f => f.Contains("Auth:Providers:corp:Authority"));
        Assert.Contains(failures, f => f.Contains("Auth:Providers:gh:ClientSecret"));
        Assert.DoesNotContain(failures, f => f.Contains("Auth:Providers:good"));
        Assert.Equal(4, failures.Count);
    }

    [Theory]
    [InlineData("http://login.example.com", "Production", false)]
    [InlineData("http://127.0.0.1:9400", "Production", true)]
    [InlineData("http://localhost:9400", "Production", true)]
    [InlineData("http://login.example.com", "Development", true)]
    [InlineData("https://login.example.com", "Production", true)]
    public void Outside_development_the_provider_is_reached_over_https_unless_on_loopback(string authority, string environment, bool accepted)
    {
        var provider = Complete("oidc");
        provider.Authority = new Uri(authority);
        var result = new SocialSignInOptionsValidator(new FakeHostEnvironment(environment)).Validate(null, With("corp", provider));
        Assert.Equal(accepted, result.Succeeded);
        if (!accepted) Assert.Contains("Auth:Providers:corp:Authority", result.FailureMessage);
    }

    [Fact]
    public void An_overridden_endpoint_in_clear_is_refused_outside_development_naming_it()
    {
        var provider = Complete("github");
        provider.TokenEndpoint = new Uri("http://github.example/token");
        var result = Validator.Validate(null, With("gh", provider));
        Assert.False(result.Succeeded);
        Assert.Contains("Auth:Providers:gh:TokenEndpoint", result.FailureMessage);
    }
}
