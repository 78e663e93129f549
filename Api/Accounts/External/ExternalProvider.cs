namespace Platform.Api.Accounts.External;

/// <summary>A configured provider with its type's defaults filled in.</summary>
public sealed record ExternalProvider(string Id, string Name, string Type, ExternalProviderOptions Options)
{
    public const string Oidc = "oidc";
    public const string GitHub = "github";
    public const string Google = "google";

    public bool UsesOpenIdConnect => Type is Oidc or Google;

    public string Scopes => Options.Scopes ?? (Type == GitHub ? "read:user user:email" : "openid email profile");

    public Uri? Authority => Options.Authority ?? (Type == Google ? new Uri("https://accounts.google.com") : null);

    public static IReadOnlyList<ExternalProvider> From(SocialSignInOptions options) =>
        options.Providers.Select(p =>
        {
            var type = p.Value.Type.ToLowerInvariant();
            var name = p.Value.Name ?? type switch { GitHub => "GitHub", Google => "Google", _ => p.Key };
            return new ExternalProvider(p.Key.ToLowerInvariant(), name, type, p.Value);
        }).ToList();
}
