using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Configuration;

/// <summary>
/// Origins are absolute http(s) URLs; outside Development the public URL is https (the session
/// cookie is Secure, OAuth callbacks are not sent in clear) unless it is a loopback address.
/// </summary>
public sealed class PlatformOptionsValidator(IHostEnvironment environment) : IValidateOptions<PlatformOptions>
{
    public ValidateOptionsResult Validate(string? name, PlatformOptions options)
    {
        var failures = new List<string>();
        if (options.PublicBaseUrl is { } url && !TransportRules.IsSecureEnough(url, environment))
            failures.Add($"Setting '{PlatformOptions.Section}:PublicBaseUrl' is '{url}'; outside Development it must be https (or a loopback address).");
        for (var i = 0; i < options.AllowedOrigins.Count; i++)
            if (!Uri.TryCreate(options.AllowedOrigins[i], UriKind.Absolute, out var origin) || origin.Scheme is not ("http" or "https"))
                failures.Add($"Setting '{PlatformOptions.Section}:AllowedOrigins:{i}' holds '{options.AllowedOrigins[i]}', which is not an http(s) origin.");
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
