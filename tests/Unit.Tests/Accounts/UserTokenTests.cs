using Platform.Grains.Interfaces.Accounts;

namespace Platform.Unit.Tests.Accounts;

public sealed class UserTokenTests
{
    [Fact]
    public void A_token_round_trips_through_its_text()
    {
        var token = UserToken.Create(Guid.NewGuid(), Guid.NewGuid());

        Assert.True(UserToken.TryParse(token.ToString(), out var parsed));

        Assert.Equal(token.UserId, parsed.UserId);
        Assert.Equal(token.Id, parsed.Id);
        Assert.Equal(token.Secret, parsed.Secret);
        Assert.Equal(token.SecretHash, parsed.SecretHash);
    }

    [Fact]
    public void A_token_is_url_safe_text_with_256_random_bits()
    {
        var token = UserToken.Create(Guid.NewGuid(), Guid.NewGuid());

        Assert.Equal(32, token.Secret.Length);
        Assert.Matches("^[A-Za-z0-9_-]{86}$", token.ToString());
        Assert.NotEqual(token.Secret, UserToken.Create(token.UserId, token.Id).Secret);
    }

    [Fact]
    public void The_secret_hash_is_not_the_secret()
    {
        var token = UserToken.Create(Guid.NewGuid(), Guid.NewGuid());

        Assert.NotEqual(token.Secret, token.SecretHash);
        Assert.Equal(token.SecretHash, token.SecretHash);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("not a token at all!")]
    [InlineData("AAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Garbage_is_not_a_token(string? text)
    {
        Assert.False(UserToken.TryParse(text, out _));
    }

    [Fact]
    public void A_token_missing_one_character_or_with_one_more_is_not_a_token()
    {
        var text = UserToken.Create(Guid.NewGuid(), Guid.NewGuid()).ToString();

        Assert.False(UserToken.TryParse(text[..^1], out _));
        Assert.False(UserToken.TryParse(text + "A", out _));
        Assert.False(UserToken.TryParse(text + "AA", out _));
        Assert.False(UserToken.TryParse(new string('A', 200), out _));
    }
}
