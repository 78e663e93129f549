using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.Grains.Accounts;

/// <summary>Production safety: outside Development, password hashing may not be cheaper than the ASVS minimum.</summary>
public sealed class AuthRulesValidator(IHostEnvironment environment) : IValidateOptions<AuthRules>
{
    public ValidateOptionsResult Validate(string? name, AuthRules rules)
    {
        if (!environment.IsDevelopment() && rules.PasswordHashIterations < PasswordHasher.MinimumIterations)
            return ValidateOptionsResult.Fail(
                $"Setting '{AuthRules.Section}:{nameof(AuthRules.PasswordHashIterations)}' is {rules.PasswordHashIterations}; outside Development " +
                $"it must be at least {PasswordHasher.MinimumIterations} (OWASP ASVS 5.0, PBKDF2-HMAC-SHA256).");
        if (rules.SessionRenewAfter >= rules.SessionLifetime)
            return ValidateOptionsResult.Fail($"Setting '{AuthRules.Section}:SessionRenewAfter' must be shorter than '{AuthRules.Section}:SessionLifetime'.");
        if (rules.SessionLifetime > rules.SessionMaxLifetime)
            return ValidateOptionsResult.Fail($"Setting '{AuthRules.Section}:SessionLifetime' may not exceed '{AuthRules.Section}:SessionMaxLifetime'.");
        return ValidateOptionsResult.Success;
    }
}
