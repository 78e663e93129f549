using Platform.Grains.Interfaces.Accounts;

namespace Platform.Unit.Tests.Accounts;

public sealed class PasswordPolicyTests
{
    private const string Emoji = "\U0001F600"; // one character, two UTF-16 code units

    [Theory]
    [InlineData("abcdefgh")]
    [InlineData("eight ch")]
    [InlineData("correct horse battery staple")]
    public void Accepts_a_password_of_eight_characters_or_more(string password) => Assert.Null(PasswordPolicy.Check(password));

    [Theory]
    [InlineData("")]
    [InlineData("abcdefg")]
    public void Refuses_a_password_shorter_than_eight_characters(string password) => Assert.NotNull(PasswordPolicy.Check(password));

    [Fact]
    public void Accepts_a_password_of_exactly_128_characters() => Assert.Null(PasswordPolicy.Check(new string('x', 128)));

    [Fact]
    public void Refuses_a_password_of_129_characters() => Assert.NotNull(PasswordPolicy.Check(new string('x', 129)));

    [Fact]
    public void Counts_length_in_unicode_characters_not_utf16_code_units()
    {
        Assert.NotNull(PasswordPolicy.Check(string.Concat(Enumerable.Repeat(Emoji, 7)))); // 14 code units, 7 characters
        Assert.Null(PasswordPolicy.Check(string.Concat(Enumerable.Repeat(Emoji, 8))));
        Assert.Null(PasswordPolicy.Check(string.Concat(Enumerable.Repeat(Emoji, 128)))); // 256 code units
        Assert.NotNull(PasswordPolicy.Check(string.Concat(Enumerable.Repeat(Emoji, 129))));
    }

    [Fact]
    public void Counts_a_letter_with_a_combining_accent_as_one_character()
    {
        // "e" + U+0301 is "é" in normalisation form C: 7 characters, though 14 code units.
        Assert.NotNull(PasswordPolicy.Check(string.Concat(Enumerable.Repeat("e\u0301", 7))));
    }

    [Theory]
    [InlineData("password")]
    [InlineData("Password123")]
    [InlineData("PASSWORD1")]
    [InlineData("football")]
    [InlineData("FootBall")]
    [InlineData("iloveyou")]
    [InlineData("trustno1")]
    [InlineData("qwertyuiop")]
    [InlineData("12345678")]
    [InlineData("Welcome1")]
    public void Refuses_a_common_password_whatever_its_case(string password) => Assert.NotNull(PasswordPolicy.Check(password));

    [Fact]
    public void Accepts_a_password_that_merely_contains_a_common_one() => Assert.Null(PasswordPolicy.Check("my football shoes"));

    [Fact]
    public void Refuses_a_lone_surrogate()
    {
        // Kept out of [InlineData]: theory data is serialised, which turns lone surrogates into U+FFFD.
        Assert.NotNull(PasswordPolicy.Check("abcdefgh\uD800"));
        Assert.NotNull(PasswordPolicy.Check("\uDC00abcdefgh"));
        Assert.NotNull(PasswordPolicy.Check("abcd\uDC00\uD800efgh"));
        Assert.Null(PasswordPolicy.Check("abcdefgh\uD83D\uDE00"));
    }

    [Fact]
    public void Refuses_a_nul_character() => Assert.NotNull(PasswordPolicy.Check("abcd\0efgh"));

    [Fact]
    public void Canonical_form_is_normalisation_form_c()
    {
        Assert.Equal("caf\u00e9 au lait", PasswordPolicy.Canonical("cafe\u0301 au lait"));
        Assert.Equal(PasswordPolicy.Canonical("caf\u00e9 au lait"), PasswordPolicy.Canonical("cafe\u0301 au lait"));
    }
}
