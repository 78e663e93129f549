using Platform.Grains.Interfaces.Users;

namespace Platform.Grains.Interfaces.Auth;

/// <summary>What a social provider told us about the person who signed in.</summary>
[GenerateSerializer, Alias("ExternalIdentity")]
public sealed record ExternalIdentity(
    [property: Id(0)] string Email,
    [property: Id(1)] bool EmailVerified,
    [property: Id(2)] string? Name,
    [property: Id(3)] string? Image);

/// <summary>One external identity (key: "{provider}:{subject}") and the user it is linked to.</summary>
[Alias("IExternalLoginGrain")]
public interface IExternalLoginGrain : IGrainWithStringKey
{
    [Alias("SignIn")] Task<SignInResult> SignIn(ExternalIdentity identity);
}

/// <summary>A social sign-in in flight, remembered between the redirect and the callback.</summary>
[GenerateSerializer, Alias("PendingExternalSignIn")]
public sealed record PendingExternalSignIn(
    [property: Id(0)] string Provider,
    [property: Id(1)] string CodeVerifier,
    [property: Id(2)] string? Nonce,
    [property: Id(3)] string RedirectTo,
    [property: Id(4)] byte[] BrowserBindingHash,
    [property: Id(5)] DateTimeOffset ExpiresAt);

/// <summary>The OAuth <c>state</c> value (key): stored once, consumed at most once.</summary>
[Alias("IExternalSignInStateGrain")]
public interface IExternalSignInStateGrain : IGrainWithStringKey
{
    [Alias("Start")] Task Start(PendingExternalSignIn pending);

    /// <summary>Returns the pending sign-in and forgets it, when the browser binding matches and it has not expired.</summary>
    [Alias("Consume")] Task<PendingExternalSignIn?> Consume(byte[] browserBindingHash);
}
