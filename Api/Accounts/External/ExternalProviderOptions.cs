namespace Platform.Api.Accounts.External;

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
