using Microsoft.Extensions.Options;

namespace Platform.Silo.Mail;

/// <summary>Production safety: outside Development, an SMTP account needs its password and TLS, so credentials never cross the network in clear.</summary>
public sealed class SmtpOptionsValidator(IHostEnvironment environment) : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions smtp)
    {
        if (environment.IsDevelopment() || string.IsNullOrEmpty(smtp.UserName)) return ValidateOptionsResult.Success;
        if (string.IsNullOrEmpty(smtp.Password))
            return ValidateOptionsResult.Fail($"Setting '{SmtpOptions.Section}:Password' is missing although '{SmtpOptions.Section}:UserName' is set.");
        if (!smtp.UsesTls(environment))
            return ValidateOptionsResult.Fail($"Setting '{SmtpOptions.Section}:UseTls' must be true when '{SmtpOptions.Section}:UserName' is set, so the password is not sent in clear.");
        return ValidateOptionsResult.Success;
    }
}
