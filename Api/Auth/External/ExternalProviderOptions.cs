namespace Platform.Api.Auth.External;

/// <summary>
/// One social sign-in provider, from <c>Auth:Providers:{id}</c>. <c>Type</c> is <c>oidc</c>
/// (endpoints discovered from <see cref="Authority"/>), <c>google</c> (OIDC with Google's
/// authority) or <c>github</c> (OAuth 2 and GitHub's user API). Every endpoint may be overridden.
/// </summary>
public sealed class ExternalProviderOptions
{
    public string Type { get; set; } = "oidc";
    public string? Name { get; set; }
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public Uri? Authority { get; set; }
    public string? Scopes { get; set; }
    public Uri? AuthorizationEndpoint { get; set; }
    public Uri? TokenEndpoint { get; set; }
    public Uri? UserInfoEndpoint { get; set; }
    /// <summary>GitHub only: where the account's addresses and their verification are read.</summary>
    public Uri? EmailsEndpoint { get; set; }
}

/// <summary>A configured provider with its type's defaults filled in.</summary>
public sealed record ExternalProvider(string Id, string Name, string Type, ExternalProviderOptions Options)
{
    public const string Oidc = "oidc";
    public const string GitHub = "github";
    public const string Google = "google";

    public bool UsesOpenIdConnect => Type is Oidc or Google;

    public string Scopes => Options.Scopes ?? (Type == GitHub ? "read:user user:email" : "openid email profile");

    public Uri? Authority => Options.Authority ?? (Type == Google ? new Uri("https://accounts.google.com") : null);

    public static IReadOnlyList<ExternalProvider> FromConfiguration(IConfiguration section)
    {
        var providers = new List<ExternalProvider>();
        foreach (var child in section.GetChildren())
        {
            var options = child.Get<ExternalProviderOptions>() ?? new ExternalProviderOptions();
            var type = options.Type.ToLowerInvariant();
            var key = $"Auth:Providers:{child.Key}";
            if (type is not (Oidc or GitHub or Google))
                throw new InvalidOperationException($"Setting '{key}:Type' must be oidc, github or google, not '{options.Type}'.");
            if (string.IsNullOrEmpty(options.ClientId)) throw new InvalidOperationException($"Missing setting '{key}:ClientId'.");
            if (string.IsNullOrEmpty(options.ClientSecret)) throw new InvalidOperationException($"Missing setting '{key}:ClientSecret'.");
            if (type == Oidc && options.Authority is null) throw new InvalidOperationException($"Missing setting '{key}:Authority' (the OpenID Connect issuer URL).");
            var name = options.Name ?? type switch { GitHub => "GitHub", Google => "Google", _ => child.Key };
            providers.Add(new ExternalProvider(child.Key.ToLowerInvariant(), name, type, options));
        }
        return providers;
    }
}
