using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.Grains.Accounts;

/// <summary>
/// Production safety: outside Development, password hashing may not be cheaper than the ASVS
/// minimum and codes are hashed with a configured key; session lifetimes fit together.
/// </summary>
public sealed class AuthRulesValidator(IHostEnvironment environment) : IValidateOptions<AuthRules>
{
    public ValidateOptionsResult Validate(string? name, AuthRules rules)
    {
        var failures = new List<string>();
        if (!environment.IsDevelopment() && rules.PasswordHashIterations < PasswordHasher.MinimumIterations)
            failures.Add($"Setting '{AuthRules.Section}:{nameof(AuthRules.PasswordHashIterations)}' is {rules.PasswordHashIterations}; outside Development " +
                $"it must be at least {PasswordHasher.MinimumIterations} (OWASP ASVS 5.0, PBKDF2-HMAC-SHA256).");
        if (!string.IsNullOrEmpty(rules.CodeHashKey) && !IsStrongKey(rules.CodeHashKey))
            failures.Add($"Setting '{AuthRules.Section}:{nameof(AuthRules.CodeHashKey)}' must be base64 of at least 32 random bytes (e.g. `openssl rand -base64 32`).");
        if (!environment.IsDevelopment() && string.IsNullOrEmpty(rules.CodeHashKey))
            failures.Add($"Missing setting '{AuthRules.Section}:{nameof(AuthRules.CodeHashKey)}' (environment variable Auth__Rules__CodeHashKey): outside Development one-time codes are hashed with a server-side key; make one with `openssl rand -base64 32`.");
        if (rules.SessionRenewAfter >= rules.SessionLifetime)
            failures.Add($"Setting '{AuthRules.Section}:SessionRenewAfter' must be shorter than '{AuthRules.Section}:SessionLifetime'.");
        if (rules.SessionLifetime > rules.SessionMaxLifetime)
            failures.Add($"Setting '{AuthRules.Section}:SessionLifetime' may not exceed '{AuthRules.Section}:SessionMaxLifetime'.");
        foreach (var (setting, value) in new[]
        {
            (nameof(AuthRules.CodeLifetime), rules.CodeLifetime), (nameof(AuthRules.VerificationLinkLifetime), rules.VerificationLinkLifetime),
            (nameof(AuthRules.LoginFailureWindow), rules.LoginFailureWindow), (nameof(AuthRules.SessionLifetime), rules.SessionLifetime),
        })
            if (value <= TimeSpan.Zero) failures.Add($"Setting '{AuthRules.Section}:{setting}' must be a positive time span (it is {value}).");
        if (rules.CodeSendInterval < TimeSpan.Zero)
            failures.Add($"Setting '{AuthRules.Section}:{nameof(AuthRules.CodeSendInterval)}' may not be negative.");
        Ceiling(failures, nameof(AuthRules.LoginFailureCeiling), rules.LoginFailureCeiling, nameof(AuthRules.LoginFailureLimit), rules.LoginFailureLimit);
        Ceiling(failures, nameof(AuthRules.CodeSendCeilingPerHour), rules.CodeSendCeilingPerHour, nameof(AuthRules.CodeSendsPerHour), rules.CodeSendsPerHour);
        Ceiling(failures, nameof(AuthRules.CodeFailureCeilingPerHour), rules.CodeFailureCeilingPerHour, nameof(AuthRules.CodeFailuresPerNetworkPerHour), rules.CodeFailuresPerNetworkPerHour);
        Ceiling(failures, nameof(AuthRules.MaxPendingRegistrations), rules.MaxPendingRegistrations, nameof(AuthRules.RegistrationsPerNetwork), rules.RegistrationsPerNetwork);
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    private static void Ceiling(List<string> failures, string ceilingName, int ceiling, string limitName, int limit)
    {
        if (ceiling < limit)
            failures.Add($"Setting '{AuthRules.Section}:{ceilingName}' ({ceiling}) may not be lower than '{AuthRules.Section}:{limitName}' ({limit}): it is the per-address ceiling over the per-network limit.");
    }

    private static bool IsStrongKey(string base64)
    {
        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out var length) && length >= 32;
    }
}
