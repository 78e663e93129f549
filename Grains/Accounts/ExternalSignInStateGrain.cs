using System.Security.Cryptography;
using Platform.Grains.Interfaces.Accounts;

namespace Platform.Grains.Accounts;

/// <summary>
/// Keeps a social sign-in's secrets (PKCE verifier, nonce, where to return) under its
/// unguessable <c>state</c>. Any attempt to consume it ends it, so a state is never used twice.
/// </summary>
public sealed class ExternalSignInStateGrain(
    [PersistentState("external-signin")] IPersistentState<ExternalSignInStateRecord> state,
    TimeProvider time) : Grain, IExternalSignInStateGrain
{
    async Task IExternalSignInStateGrain.Start(PendingExternalSignIn pending)
    {
        if (state.State.Pending is not null) throw new InvalidOperationException("This state value is already in use.");
        state.State.Pending = pending;
        await state.WriteStateAsync();
    }

    async Task<PendingExternalSignIn?> IExternalSignInStateGrain.Consume(byte[] browserBindingHash)
    {
        var pending = state.State.Pending;
        if (pending is null) return null;
        await state.ClearStateAsync();
        DeactivateOnIdle();
        var valid = time.GetUtcNow() < pending.ExpiresAt
            && CryptographicOperations.FixedTimeEquals(pending.BrowserBindingHash, browserBindingHash);
        return valid ? pending : null;
    }

    /// <summary>
    /// A sign-in abandoned at the provider is never consumed; idle collection comes after it
    /// expired, and then its row is removed so abandoned flows do not pile up in storage.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (state.State.Pending is { } pending && time.GetUtcNow() >= pending.ExpiresAt)
            await state.ClearStateAsync(cancellationToken);
    }
}
