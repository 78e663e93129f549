using Microsoft.Extensions.Options;
using Platform.Grains.Accounts;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Silo.Accounts;

/// <summary>Verification links carry a single-use token: outside Development they lead to https (or loopback).</summary>
public sealed class EmailLinkValidator(IHostEnvironment environment) : IValidateOptions<AuthRules>
{
    public ValidateOptionsResult Validate(string? name, AuthRules rules) =>
        rules.EmailLinkBaseUrl is { } url && (!url.IsAbsoluteUri || !TransportRules.IsSecureEnough(url, environment))
            ? ValidateOptionsResult.Fail($"Setting '{AuthRules.Section}:EmailLinkBaseUrl' (or 'Platform:PublicBaseUrl') is '{url}'; outside Development it must be an https URL (or a loopback address).")
            : ValidateOptionsResult.Success;
}
