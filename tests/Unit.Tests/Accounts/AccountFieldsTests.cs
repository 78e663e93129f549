using Platform.Api.Accounts;
using Platform.Api.Infrastructure.Errors;
using Platform.Grains.Interfaces.Accounts;
using Platform.Unit.Tests.Infrastructure;

namespace Platform.Unit.Tests.Accounts;

/// <summary>The account fields' rules, checked in the API before any grain is asked.</summary>
public sealed class AccountFieldsTests
{
    private static (string? Value, IDictionary<string, string[]> Errors) Run(Func<RequestErrors, string?> rule)
    {
        var errors = new RequestErrors();
        var value = rule(errors);
        return (value, errors.Any ? RequestErrorsTests.ErrorsOf(errors) : new Dictionary<string, string[]>());
    }

    [Theory]
    [InlineData("ann@example.com", "ann@example.com")]
    [InlineData("  Ann@Example.COM ", "ann@example.com")]
    public void An_email_is_normalised(string input, string expected)
    {
        var (value, errors) = Run(e => e.Email(input));
        Assert.Equal(expected, value);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_email_is_required(string? input)
    {
        var (value, errors) = Run(e => e.Email(input));
        Assert.Null(value);
        Assert.Equal(new[] { "Email is required." }, errors["email"]);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("ann@")]
    [InlineData("\u202Eann@example.com")]
    [InlineData("ann\uFF20example.com")]
    public void An_invalid_email_is_a_field_error(string input)
    {
        var (value, errors) = Run(e => e.Email(input));
        Assert.Null(value);
        Assert.Contains("valid email address", Assert.Single(errors["email"]));
    }

    [Fact]
    public void An_email_of_more_than_254_characters_is_a_field_error()
    {
        var (value, errors) = Run(e => e.Email(new string('a', 250) + "@example.test"));
        Assert.Null(value);
        Assert.Contains($"{EmailAddress.MaxLength}", Assert.Single(errors["email"]));
    }

    [Fact]
    public void A_field_error_is_filed_under_the_given_name()
    {
        var (_, errors) = Run(e => e.Email("nope", field: "newEmail"));
        Assert.True(errors.ContainsKey("newEmail"));
        Assert.False(errors.ContainsKey("email"));
    }

    [Theory]
    [InlineData("a long enough passphrase")]
    [InlineData("eight ch")]
    public void A_new_password_that_meets_the_policy_is_accepted(string password)
    {
        var (value, errors) = Run(e => e.NewPassword(password));
        Assert.Equal(password, value);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("short")] // under 8 characters
    [InlineData("Password123")] // among the most common
    [InlineData("pass\0word long")] // NUL
    public void A_new_password_against_the_policy_is_a_field_error(string password)
    {
        var (value, errors) = Run(e => e.NewPassword(password));
        Assert.Null(value);
        Assert.Equal(new[] { PasswordPolicy.Check(password)! }, errors["password"]);
    }

    [Fact]
    public void A_new_password_of_129_characters_is_a_field_error()
    {
        var (value, errors) = Run(e => e.NewPassword(new string('p', PasswordPolicy.MaxLength + 1)));
        Assert.Null(value);
        Assert.Single(errors["password"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_missing_password_is_required(string? password)
    {
        Assert.Equal(new[] { "Password is required." }, Run(e => e.NewPassword(password)).Errors["password"]);
        Assert.Equal(new[] { "Password is required." }, Run(e => e.Password(password)).Errors["password"]);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("Password123")]
    public void A_login_password_is_not_judged_by_the_policy(string password)
    {
        // Whether it is right is the account's business; the policy applies when a password is chosen.
        var (value, errors) = Run(e => e.Password(password));
        Assert.Equal(password, value);
        Assert.Empty(errors);
    }

    [Fact]
    public void A_login_password_may_be_as_long_as_128_characters_outside_the_basic_plane()
    {
        var password = string.Concat(Enumerable.Repeat("\U0001F600", PasswordPolicy.MaxLength)); // 256 UTF-16 code units
        Assert.Equal(password, Run(e => e.Password(password)).Value);
    }

    [Fact]
    public void A_longer_login_password_is_a_field_error_before_any_hashing()
    {
        var (value, errors) = Run(e => e.Password(new string('p', PasswordPolicy.MaxLength * 2 + 1)));
        Assert.Null(value);
        Assert.Single(errors["password"]);
    }

    [Theory]
    [InlineData("123456", "123456")]
    [InlineData(" 123456 ", "123456")]
    [InlineData("000000", "000000")]
    public void A_code_of_six_digits_is_accepted(string input, string expected)
    {
        var (value, errors) = Run(e => e.Code(input));
        Assert.Equal(expected, value);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("12 456")]
    [InlineData("\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16")] // full-width digits
    [InlineData("\u0661\u0662\u0663\u0664\u0665\u0666")] // Arabic-Indic digits
    [InlineData("-12345")]
    public void A_code_other_than_six_ascii_digits_is_a_field_error(string input)
    {
        var (value, errors) = Run(e => e.Code(input));
        Assert.Null(value);
        Assert.Equal(new[] { "The code has 6 digits." }, errors["code"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_missing_code_is_required(string? input) =>
        Assert.Equal(new[] { "Code is required." }, Run(e => e.Code(input)).Errors["code"]);
}
