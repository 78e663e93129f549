using System.Security.Cryptography;
using Platform.Grains.Accounts;
using Platform.Grains.Interfaces.Accounts;
using Platform.Grains.Tests.Cluster;

namespace Platform.Grains.Tests.Accounts;

public sealed class ExternalSignInStateTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    private static readonly byte[] Binding = SHA256.HashData("browser binding"u8);

    private IExternalSignInStateGrain NewState() => Grains.GetGrain<IExternalSignInStateGrain>(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));

    private static PendingExternalSignIn Pending() =>
        new("prov", "verifier", "nonce", "/after", Binding, Clock.GetUtcNow() + TimeSpan.FromMinutes(10));

    [Fact]
    public async Task Consume_with_the_right_binding_returns_the_pending_sign_in_once()
    {
        var state = NewState();
        var pending = Pending();
        await state.Start(pending);

        var consumed = await state.Consume(Binding);

        Assert.NotNull(consumed);
        Assert.Equal(pending.Provider, consumed.Provider);
        Assert.Equal(pending.CodeVerifier, consumed.CodeVerifier);
        Assert.Equal(pending.Nonce, consumed.Nonce);
        Assert.Equal(pending.RedirectTo, consumed.RedirectTo);
        Assert.Equal(pending.ExpiresAt, consumed.ExpiresAt);
        Assert.Null(await state.Consume(Binding));
    }

    [Fact]
    public async Task Consume_with_a_wrong_binding_returns_nothing_and_ends_the_state()
    {
        var state = NewState();
        await state.Start(Pending());

        Assert.Null(await state.Consume(SHA256.HashData("another browser"u8)));
        Assert.Null(await state.Consume(Binding));
    }

    [Fact]
    public async Task Consume_after_expiry_returns_nothing()
    {
        var state = NewState();
        await state.Start(Pending());

        Advance(TimeSpan.FromMinutes(11));

        Assert.Null(await state.Consume(Binding));
    }

    [Fact]
    public async Task An_abandoned_sign_in_leaves_storage_when_collected_after_expiry()
    {
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        var state = Grains.GetGrain<IExternalSignInStateGrain>(key);
        await state.Start(Pending());
        Assert.True(await StoredAsync(key));

        Advance(TimeSpan.FromMinutes(11));
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.False(await StoredAsync(key));
    }

    [Fact]
    public async Task An_abandoned_sign_in_whose_activation_went_early_is_removed_by_its_reminder()
    {
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        var state = Grains.GetGrain<IExternalSignInStateGrain>(key);
        await state.Start(Pending());
        Assert.True(await Fixture.HasReminderAsync(state.GetGrainId(), ExternalSignInStateGrain.ExpiryReminder));
        // Collected while still in flight: the row stays, as it must.
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.True(await StoredAsync(key));

        Advance(TimeSpan.FromMinutes(11));
        // The reminder's tick, as the reminder service delivers it once due.
        await state.AsReference<IRemindable>().ReceiveReminder(ExternalSignInStateGrain.ExpiryReminder, new TickStatus());

        Assert.False(await StoredAsync(key));
        Assert.False(await Fixture.HasReminderAsync(state.GetGrainId(), ExternalSignInStateGrain.ExpiryReminder));
    }

    [Fact]
    public async Task A_consumed_sign_in_leaves_no_reminder()
    {
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        var state = Grains.GetGrain<IExternalSignInStateGrain>(key);
        await state.Start(Pending());

        Assert.NotNull(await state.Consume(Binding));

        Assert.False(await Fixture.HasReminderAsync(state.GetGrainId(), ExternalSignInStateGrain.ExpiryReminder));
    }

    [Fact]
    public async Task A_sign_in_still_in_flight_survives_collection()
    {
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        var state = Grains.GetGrain<IExternalSignInStateGrain>(key);
        await state.Start(Pending());

        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.NotNull(await state.Consume(Binding));
    }

    /// <summary>Whether the grain's record exists in the silos' default storage.</summary>
    private Task<bool> StoredAsync(string key) => Fixture.StoredAsync<Platform.Grains.Accounts.ExternalSignInStateRecord>("external-signin", GrainId.Create("externalsigninstate", key));

    [Fact]
    public async Task Consume_of_an_unknown_state_returns_nothing()
    {
        Assert.Null(await NewState().Consume(Binding));
    }

    [Fact]
    public async Task Starting_a_state_that_is_in_use_fails()
    {
        var state = NewState();
        await state.Start(Pending());

        await Assert.ThrowsAsync<InvalidOperationException>(() => state.Start(Pending()));
        Assert.NotNull(await state.Consume(Binding));
    }
}
