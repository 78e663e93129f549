using Platform.Grains.Interfaces.Accounts;

namespace Platform.Unit.Tests.Accounts;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("ann@example.com", "ann@example.com")]
    [InlineData("  Ann@Example.COM  ", "ann@example.com")]
    [InlineData("\tANN.SMITH+tag@Sub.Example.org\n", "ann.smith+tag@sub.example.org")]
    public void Normalising_trims_and_lowercases(string input, string expected) => Assert.Equal(expected, EmailAddress.TryNormalize(input));

    [Fact]
    public void An_address_of_254_characters_is_accepted()
    {
        var address = LongAddress(254);

        Assert.Equal(254, address.Length);
        Assert.Equal(address, EmailAddress.TryNormalize(address));
    }

    [Fact]
    public void An_address_of_255_characters_is_refused()
    {
        var address = LongAddress(255);

        Assert.Equal(255, address.Length);
        Assert.Null(EmailAddress.TryNormalize(address));
    }

    [Theory]
    [InlineData("Ann <ann@example.com>")]
    [InlineData("<ann@example.com>")]
    [InlineData("\"Ann\" <ann@example.com>")]
    [InlineData("ann@example.com (Ann)")]
    public void A_display_name_form_is_refused(string input) => Assert.Null(EmailAddress.TryNormalize(input));

    [Theory]
    [InlineData("ann\0@example.com")]
    [InlineData("ann@exa\rmple.com")]
    [InlineData("ann@example.com\r\nBcc: eve@example.com")]
    [InlineData("ann\u0007@example.com")]
    [InlineData("ann\u007f@example.com")]
    [InlineData("ann@example.com\u0085x")]
    public void Control_characters_are_refused(string input) => Assert.Null(EmailAddress.TryNormalize(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ann")]
    [InlineData("@example.com")]
    [InlineData("ann@")]
    [InlineData("ann smith@example.com")]
    [InlineData("ann@example.com,eve@example.com")]
    [InlineData("ann@example.com;eve@example.com")]
    public void Anything_but_one_plain_address_is_refused(string? input) => Assert.Null(EmailAddress.TryNormalize(input));

    /// <summary>A valid address of the given length: a 64-character local part and labels of at most 60.</summary>
    private static string LongAddress(int length)
    {
        var labels = new List<string>();
        var remaining = length - 64 - 1;
        for (var c = 'b'; remaining > 63; c++, remaining -= 61) labels.Add(new string(c, 60));
        labels.Add(new string('z', remaining));
        return $"{new string('a', 64)}@{string.Join('.', labels)}";
    }
}

public sealed class EmailAddressSpellingTests
{
    [Theory]
    [InlineData("victim@\uFF45xample.com", "victim@example.com")]
    [InlineData("Ann@Bücher.Example", "ann@xn--bcher-kva.example")]
    [InlineData("cafe\u0301@example.com", "caf\u00e9@example.com")]
    public void Look_alike_spellings_of_one_address_normalise_to_one_key(string typed, string key) =>
        Assert.Equal(key, EmailAddress.TryNormalize(typed));
}
