using Microsoft.Extensions.Options;

namespace Platform.Api.Accounts.External;

/// <summary>Each configured provider is complete for its type; the message names the setting.</summary>
public sealed class SocialSignInOptionsValidator : IValidateOptions<SocialSignInOptions>
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
        }
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
