using Microsoft.Extensions.Hosting;
using Platform.Silo.Mail;

namespace Platform.Unit.Tests.Infrastructure;

/// <summary>Outside Development, SMTP credentials are complete and never cross the network in clear.</summary>
public sealed class SmtpOptionsValidatorTests
{
    private static SmtpOptionsValidator In(string environment) => new(new FakeHostEnvironment(environment));

    [Fact]
    public void A_server_without_an_account_is_accepted() =>
        Assert.True(In(Environments.Production).Validate(null, new SmtpOptions { Host = "smtp.example.com" }).Succeeded);

    [Fact]
    public void An_account_without_a_password_is_refused()
    {
        var result = In(Environments.Production).Validate(null, new SmtpOptions { Host = "smtp.example.com", UserName = "mailer", UseTls = true });
        Assert.True(result.Failed);
        Assert.Contains("Smtp:Password", result.FailureMessage);
    }

    [Fact]
    public void An_account_with_tls_turned_off_is_refused()
    {
        var result = In(Environments.Production).Validate(null, new SmtpOptions { Host = "smtp.example.com", UserName = "mailer", Password = "secret", UseTls = false });
        Assert.True(result.Failed);
        Assert.Contains("Smtp:UseTls", result.FailureMessage);
    }

    [Fact]
    public void An_account_with_a_password_over_tls_is_accepted() =>
        Assert.True(In(Environments.Production).Validate(null,
            new SmtpOptions { Host = "smtp.example.com", UserName = "mailer", Password = "secret", UseTls = true }).Succeeded);

    [Fact]
    public void Development_may_use_a_local_capture_with_any_account() =>
        Assert.True(In(Environments.Development).Validate(null, new SmtpOptions { Host = "127.0.0.1", UserName = "mailer" }).Succeeded);

    [Theory]
    [InlineData(null, "Production", true)]
    [InlineData(null, "Staging", true)]
    [InlineData(null, "Development", false)]
    [InlineData(false, "Production", false)]
    [InlineData(true, "Development", true)]
    public void Tls_is_on_by_default_outside_development(bool? setting, string environment, bool expected) =>
        Assert.Equal(expected, new SmtpOptions { Host = "smtp.example.com", UseTls = setting }.UsesTls(new FakeHostEnvironment(environment)));
}
