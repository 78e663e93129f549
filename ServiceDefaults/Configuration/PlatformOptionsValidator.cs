using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Configuration;

/// <summary>
/// The public URL and the allowed origins are absolute http(s) URLs; outside Development they are
/// https (the session cookie is Secure, OAuth callbacks and cookies do not cross a network in
/// clear) unless they are loopback addresses.
/// </summary>
public sealed class PlatformOptionsValidator(IHostEnvironment environment) : IValidateOptions<PlatformOptions>
{
    public ValidateOptionsResult Validate(string? name, PlatformOptions options)
    {
        var failures = new List<string>();
        if (options.PublicBaseUrl is { } url)
            Check(url.ToString(), $"{PlatformOptions.Section}:PublicBaseUrl", failures);
        for (var i = 0; i < options.AllowedOrigins.Count; i++)
            Check(options.AllowedOrigins[i], $"{PlatformOptions.Section}:AllowedOrigins:{i}", failures);
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    private void Check(string text, string key, List<string> failures)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            failures.Add($"Setting '{key}' holds '{text}', which is not an absolute http(s) URL.");
        else if (!TransportRules.IsSecureEnough(url, environment))
            failures.Add($"Setting '{key}' is '{text}'; outside Development it must be https (or a loopback address).");
    }
}
