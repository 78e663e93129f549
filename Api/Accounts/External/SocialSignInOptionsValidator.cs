using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Api.Accounts.External;

/// <summary>
/// Each configured provider is complete for its type; outside Development its endpoints are https
/// (discovery and signing keys fetched in clear would let anyone on the path forge id_tokens)
/// unless they are on loopback. The message names the setting.
/// </summary>
public sealed class SocialSignInOptionsValidator(IHostEnvironment environment) : IValidateOptions<SocialSignInOptions>
{
    public ValidateOptionsResult Validate(string? name, SocialSignInOptions options)
    {
        var failures = new List<string>();
        foreach (var (id, provider) in options.Providers)
        {
            var key = $"{SocialSignInOptions.Section}:Providers:{id}";
            var type = provider.Type.ToLowerInvariant();
            if (type is not (ExternalProvider.Oidc or ExternalProvider.GitHub or ExternalProvider.Google))
                failures.Add($"Setting '{key}:Type' must be oidc, github or google, not '{provider.Type}'.");
            if (string.IsNullOrEmpty(provider.ClientId)) failures.Add($"Missing setting '{key}:ClientId'.");
            if (string.IsNullOrEmpty(provider.ClientSecret)) failures.Add($"Missing setting '{key}:ClientSecret'.");
            if (type == ExternalProvider.Oidc && provider.Authority is null)
                failures.Add($"Missing setting '{key}:Authority' (the OpenID Connect issuer URL).");
            foreach (var (setting, url) in Endpoints(provider))
                if (url is not null && (!url.IsAbsoluteUri || !TransportRules.IsSecureEnough(url, environment)))
                    failures.Add($"Setting '{key}:{setting}' is '{url}'; outside Development it must be an https URL (or a loopback address).");
        }
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    private static IEnumerable<(string Setting, Uri? Url)> Endpoints(ExternalProviderOptions provider) =>
    [
        (nameof(provider.Authority), provider.Authority),
        (nameof(provider.AuthorizationEndpoint), provider.AuthorizationEndpoint),
        (nameof(provider.TokenEndpoint), provider.TokenEndpoint),
        (nameof(provider.UserInfoEndpoint), provider.UserInfoEndpoint),
        (nameof(provider.EmailsEndpoint), provider.EmailsEndpoint),
    ];
}
