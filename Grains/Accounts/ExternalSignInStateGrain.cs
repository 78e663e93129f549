using System.Security.Cryptography;
using Platform.Grains.Interfaces.Accounts;

namespace Platform.Grains.Accounts;

/// <summary>
/// Keeps a social sign-in's secrets (PKCE verifier, nonce, where to return) under its
/// unguessable <c>state</c>. Any attempt to consume it ends it, so a state is never used twice.
/// A sign-in abandoned at the provider is never consumed: a reminder, due after it expires,
/// removes its row even when the activation went away early (a silo stopped, memory pressure).
/// </summary>
public sealed class ExternalSignInStateGrain(
    [PersistentState("external-signin")] IPersistentState<ExternalSignInStateRecord> state,
    TimeProvider time) : Grain, IExternalSignInStateGrain, IRemindable
{
    public const string ExpiryReminder = "expiry";

    /// <summary>How long after expiry the reminder comes; reminders cannot be much more punctual.</summary>
    private static readonly TimeSpan ReminderSlack = TimeSpan.FromMinutes(1);

    async Task IExternalSignInStateGrain.Start(PendingExternalSignIn pending)
    {
        if (state.State.Pending is not null) throw new InvalidOperationException("This state value is already in use.");
        state.State.Pending = pending;
        await state.WriteStateAsync();
        var due = pending.ExpiresAt - time.GetUtcNow() + ReminderSlack;
        await this.RegisterOrUpdateReminder(ExpiryReminder, due > TimeSpan.Zero ? due : ReminderSlack, TimeSpan.FromMinutes(10));
    }

    async Task<PendingExternalSignIn?> IExternalSignInStateGrain.Consume(byte[] browserBindingHash)
    {
        var pending = state.State.Pending;
        if (pending is null) return null;
        await state.ClearStateAsync();
        await ForgetReminder();
        DeactivateOnIdle();
        var valid = time.GetUtcNow() < pending.ExpiresAt
            && CryptographicOperations.FixedTimeEquals(pending.BrowserBindingHash, browserBindingHash);
        return valid ? pending : null;
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ExpiryReminder) return;
        // Still in flight (a clock moved back, a reminder early): the next tick decides.
        if (state.State.Pending is { } pending && time.GetUtcNow() < pending.ExpiresAt) return;
        if (state.RecordExists) await state.ClearStateAsync();
        await ForgetReminder();
        DeactivateOnIdle();
    }

    /// <summary>Expired and collected before its reminder: its row goes now.</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (state.State.Pending is { } pending && time.GetUtcNow() >= pending.ExpiresAt)
            await state.ClearStateAsync(cancellationToken);
    }

    private async Task ForgetReminder()
    {
        if (await this.GetReminder(ExpiryReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }
}
