namespace Platform.Api.Accounts.External;

/// <summary>The social sign-in providers, <c>Auth:Providers:{id}:*</c> (the silo reads <c>Auth:Rules</c> of the same section).</summary>
public sealed class SocialSignInOptions
{
    public const string Section = "Auth";

    public Dictionary<string, ExternalProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
