using Microsoft.Extensions.Hosting;
using Platform.Grains.Accounts;
using Platform.Unit.Tests.Infrastructure;

namespace Platform.Unit.Tests.Accounts;

/// <summary>Account rules that would be unsafe or contradictory stop the silo at start, naming the setting.</summary>
public sealed class AuthRulesValidatorTests
{
    private static AuthRulesValidator In(string environment) => new(new FakeHostEnvironment(environment));

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Testing")]
    public void Cheap_password_hashing_is_refused_outside_development(string environment)
    {
        var result = In(environment).Validate(null, new AuthRules { PasswordHashIterations = 1_000 });
        Assert.True(result.Failed);
        Assert.Contains("Auth:Rules:PasswordHashIterations", result.FailureMessage);
        Assert.Contains($"{PasswordHasher.MinimumIterations}", result.FailureMessage);
    }

    [Fact]
    public void One_iteration_short_of_the_minimum_is_refused_outside_development() =>
        Assert.True(In(Environments.Production).Validate(null, new AuthRules { PasswordHashIterations = PasswordHasher.MinimumIterations - 1 }).Failed);

    [Fact]
    public void Cheap_password_hashing_is_accepted_in_development() =>
        Assert.True(In(Environments.Development).Validate(null, new AuthRules { PasswordHashIterations = 1_000 }).Succeeded);

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public void The_defaults_with_a_code_hash_key_are_accepted_everywhere(string environment) =>
        Assert.True(In(environment).Validate(null, new AuthRules { CodeHashKey = Convert.ToBase64String(new byte[32]) }).Succeeded);

    [Fact]
    public void The_default_hashing_cost_is_the_minimum() => Assert.Equal(PasswordHasher.MinimumIterations, new AuthRules().PasswordHashIterations);

    [Theory]
    [InlineData("1.00:00:00", "1.00:00:00")]
    [InlineData("2.00:00:00", "1.00:00:00")]
    public void A_session_must_be_renewed_before_it_expires(string renewAfter, string lifetime)
    {
        var rules = new AuthRules { SessionRenewAfter = TimeSpan.Parse(renewAfter), SessionLifetime = TimeSpan.Parse(lifetime) };
        var result = In(Environments.Development).Validate(null, rules);
        Assert.True(result.Failed);
        Assert.Contains("Auth:Rules:SessionRenewAfter", result.FailureMessage);
    }

    [Fact]
    public void A_session_lifetime_may_not_exceed_the_maximum()
    {
        var rules = new AuthRules { SessionLifetime = TimeSpan.FromDays(31), SessionMaxLifetime = TimeSpan.FromDays(30) };
        var result = In(Environments.Production).Validate(null, rules);
        Assert.True(result.Failed);
        Assert.Contains("Auth:Rules:SessionLifetime", result.FailureMessage);
        Assert.Contains("SessionMaxLifetime", result.FailureMessage);
    }

    [Fact]
    public void A_session_lifetime_equal_to_the_maximum_is_accepted()
    {
        var rules = new AuthRules { SessionLifetime = TimeSpan.FromDays(30), SessionMaxLifetime = TimeSpan.FromDays(30), CodeHashKey = Convert.ToBase64String(new byte[32]) };
        Assert.True(In(Environments.Production).Validate(null, rules).Succeeded);
    }

    [Fact]
    public void A_ceiling_below_its_per_network_limit_is_refused()
    {
        var result = In(Environments.Development).Validate(null, new AuthRules { LoginFailureLimit = 20, LoginFailureCeiling = 10 });
        Assert.True(result.Failed);
        Assert.Contains("Auth:Rules:LoginFailureCeiling", result.FailureMessage);
    }

    [Fact]
    public void A_counting_window_of_zero_is_refused()
    {
        var result = In(Environments.Development).Validate(null, new AuthRules { LoginFailureWindow = TimeSpan.Zero });
        Assert.True(result.Failed);
        Assert.Contains("Auth:Rules:LoginFailureWindow", result.FailureMessage);
    }
}
