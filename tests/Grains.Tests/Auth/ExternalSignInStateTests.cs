using System.Security.Cryptography;
using Platform.Grains.Interfaces.Auth;
using Platform.Grains.Tests.Cluster;

namespace Platform.Grains.Tests.Auth;

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
