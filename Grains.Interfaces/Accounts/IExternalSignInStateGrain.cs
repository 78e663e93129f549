namespace Platform.Grains.Interfaces.Accounts;

/// <summary>The OAuth <c>state</c> value (key): stored once, consumed at most once.</summary>
[Alias("IExternalSignInStateGrain")]
public interface IExternalSignInStateGrain : IGrainWithStringKey
{
    [Alias("Start")] Task Start(PendingExternalSignIn pending);

    /// <summary>Returns the pending sign-in and forgets it, when the browser binding matches and it has not expired.</summary>
    [Alias("Consume")] Task<PendingExternalSignIn?> Consume(byte[] browserBindingHash);
}
