namespace Platform.Grains.Interfaces.Accounts;

/// <summary>A social sign-in in flight, remembered between the redirect and the callback.</summary>
[GenerateSerializer, Alias("PendingExternalSignIn")]
public sealed record PendingExternalSignIn(
    [property: Id(0)] string Provider,
    [property: Id(1)] string CodeVerifier,
    [property: Id(2)] string? Nonce,
    [property: Id(3)] string RedirectTo,
    [property: Id(4)] byte[] BrowserBindingHash,
    [property: Id(5)] DateTimeOffset ExpiresAt);
