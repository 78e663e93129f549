using System.Security.Cryptography;
using System.Text;
using Platform.Grains.Accounts;

namespace Platform.Unit.Tests.Accounts;

public sealed class PasswordHasherTests
{
    private static readonly PasswordHasher PasswordHasher = new(PasswordHasher.MinimumIterations);

    private const string Password = "correct horse battery";

    [Fact]
    public void A_hash_verifies_its_own_password()
    {
        Assert.Equal(PasswordCheck.Right, PasswordHasher.Verify(PasswordHasher.Hash(Password), Password));
    }

    [Fact]
    public void A_hash_refuses_another_password()
    {
        var hash = PasswordHasher.Hash(Password);

        Assert.Equal(PasswordCheck.Wrong, PasswordHasher.Verify(hash, "correct horse battery!"));
        Assert.Equal(PasswordCheck.Wrong, PasswordHasher.Verify(hash, "Correct horse battery"));
    }

    [Fact]
    public void A_hash_uses_the_versioned_format_with_600000_iterations_and_a_fresh_salt()
    {
        var hash = PasswordHasher.Hash(Password);

        Assert.StartsWith("v1$pbkdf2-sha256$600000$", hash);
        var parts = hash.Split('$');
        Assert.Equal(5, parts.Length);
        Assert.Equal(16, Convert.FromBase64String(parts[3]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[4]).Length);
        Assert.NotEqual(hash, PasswordHasher.Hash(Password));
    }

    [Fact]
    public void A_hash_with_fewer_iterations_verifies_but_asks_to_be_rehashed()
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var derived = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(Password), salt, 100_000, HashAlgorithmName.SHA256, 32);
        var weak = $"v1$pbkdf2-sha256$100000${Convert.ToBase64String(salt)}${Convert.ToBase64String(derived)}";

        Assert.Equal(PasswordCheck.RightButRehash, PasswordHasher.Verify(weak, Password));
        Assert.Equal(PasswordCheck.Wrong, PasswordHasher.Verify(weak, "another password"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a hash")]
    [InlineData("v1$pbkdf2-sha256$600000$not base64!$also not")]
    [InlineData("v2$pbkdf2-sha256$600000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void A_missing_or_malformed_hash_is_wrong_for_every_password(string? stored)
    {
        Assert.Equal(PasswordCheck.Wrong, PasswordHasher.Verify(stored, Password));
    }

    [Fact]
    public void The_cost_is_a_setting_and_a_stronger_setting_asks_older_hashes_to_be_rehashed()
    {
        var cheap = new PasswordHasher(1_000);
        var hash = cheap.Hash(Password);

        Assert.StartsWith("v1$pbkdf2-sha256$1000$", hash);
        Assert.Equal(PasswordCheck.Right, cheap.Verify(hash, Password));
        Assert.Equal(PasswordCheck.RightButRehash, PasswordHasher.Verify(hash, Password));
    }

    [Fact]
    public void A_non_ascii_password_round_trips()
    {
        const string password = "пароль 密码 \U0001F600";

        Assert.Equal(PasswordCheck.Right, PasswordHasher.Verify(PasswordHasher.Hash(password), password));
    }
}
