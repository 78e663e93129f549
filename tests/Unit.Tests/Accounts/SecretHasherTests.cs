using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Platform.Grains.Accounts;
using Platform.Unit.Tests.Infrastructure;

namespace Platform.Unit.Tests.Accounts;

/// <summary>Codes and link secrets are hashed with a server-side key: a database dump alone reveals nothing.</summary>
public sealed class SecretHasherTests
{
    private static readonly SecretHasher Hasher = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void A_stored_code_matches_only_its_code()
    {
        var (pending, code) = PendingCode.Create(DateTimeOffset.UnixEpoch, Hasher);
        Assert.True(pending.Matches(code, Hasher));
        Assert.False(pending.Matches(code == "000000" ? "000001" : "000000", Hasher));
    }

    [Fact]
    public void What_is_stored_cannot_be_checked_without_the_key()
    {
        var (pending, code) = PendingCode.Create(DateTimeOffset.UnixEpoch, Hasher);
        // What a dump holds (salt and hash) against the former scheme, keyed by the salt alone.
        Assert.NotEqual(HMACSHA256.HashData(pending.Salt, Encoding.ASCII.GetBytes(code)), pending.Hash);
        Assert.False(pending.Matches(code, new SecretHasher(RandomNumberGenerator.GetBytes(32))));
    }

    [Fact]
    public void A_link_secret_is_stored_keyed_as_well()
    {
        var secretHash = SHA256.HashData(RandomNumberGenerator.GetBytes(32));
        Assert.NotEqual(secretHash, Hasher.Link(secretHash));
        Assert.Equal(Hasher.Link(secretHash), Hasher.Link(secretHash));
        Assert.NotEqual(Hasher.Link(secretHash), new SecretHasher(RandomNumberGenerator.GetBytes(32)).Link(secretHash));
    }

    [Fact]
    public void Outside_development_a_key_is_required_and_named()
    {
        var result = new AuthRulesValidator(new FakeHostEnvironment(Environments.Production)).Validate(null, new AuthRules());
        Assert.False(result.Succeeded);
        Assert.Contains("Auth:Rules:CodeHashKey", result.FailureMessage);
    }

    [Theory]
    [InlineData("c2hvcnQ=")] // 5 bytes
    [InlineData("not base64 at all!")]
    public void A_weak_or_malformed_key_is_refused_in_every_environment(string key)
    {
        var result = new AuthRulesValidator(new FakeHostEnvironment(Environments.Development)).Validate(null, new AuthRules { CodeHashKey = key });
        Assert.False(result.Succeeded);
        Assert.Contains("Auth:Rules:CodeHashKey", result.FailureMessage);
    }

    [Fact]
    public void Development_may_run_without_a_key() =>
        Assert.True(new AuthRulesValidator(new FakeHostEnvironment(Environments.Development)).Validate(null, new AuthRules()).Succeeded);
}
