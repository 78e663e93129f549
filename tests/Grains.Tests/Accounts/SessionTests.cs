using Platform.Grains.Interfaces.Accounts;
using Platform.Grains.Tests.Cluster;

namespace Platform.Grains.Tests.Accounts;

/// <summary>Sessions live 7 days, slide when used a day after their last renewal, and end 30 days after sign-in.</summary>
public sealed class SessionTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    private async Task<AuthenticatedSession?> Authenticate(SignIn signIn)
    {
        var token = TokenOf(signIn);
        return await User(token.UserId).Authenticate(token.Id, token.SecretHash);
    }

    [Fact]
    public async Task A_session_token_authenticates_with_its_id_and_secret_hash()
    {
        var signIn = await RegisterVerified(NewAddress());
        var token = TokenOf(signIn);

        var session = await User(token.UserId).Authenticate(token.Id, token.SecretHash);

        Assert.NotNull(session);
        Assert.Equal(signIn.User.Id, token.UserId);
        Assert.Equal(signIn.Session.Id, token.Id);
        Assert.Equal(signIn.User.Id, session.User.Id);
        Assert.Equal(signIn.Session, session.Session);
        Assert.False(session.Renewed);
        Assert.Equal(signIn.Session.CreatedAt + TimeSpan.FromDays(7), signIn.Session.ExpiresAt);
    }

    [Fact]
    public async Task A_session_with_a_wrong_secret_is_refused()
    {
        var signIn = await RegisterVerified(NewAddress());
        var forged = UserToken.Create(signIn.User.Id, signIn.Session.Id);

        Assert.Null(await User(signIn.User.Id).Authenticate(forged.Id, forged.SecretHash));
        Assert.NotNull(await Authenticate(signIn));
    }

    [Fact]
    public async Task A_session_is_unknown_to_another_user()
    {
        var signIn = await RegisterVerified(NewAddress());
        var other = await RegisterVerified(NewAddress());
        var token = TokenOf(signIn);

        Assert.Null(await User(other.User.Id).Authenticate(token.Id, token.SecretHash));
    }

    [Fact]
    public async Task A_session_expires_after_seven_days_without_use()
    {
        var signIn = await RegisterVerified(NewAddress());

        Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.NotNull(await Authenticate(signIn)); // renews it, so start again from a fresh one

        var fresh = Succeeded(await Address(signIn.User.Email).Login(Password));
        Advance(TimeSpan.FromDays(7));
        Assert.Null(await Authenticate(fresh));
    }

    [Fact]
    public async Task A_session_used_within_a_day_keeps_its_expiry()
    {
        var signIn = await RegisterVerified(NewAddress());

        Advance(TimeSpan.FromDays(1));
        var session = await Authenticate(signIn);

        Assert.NotNull(session);
        Assert.False(session.Renewed);
        Assert.Equal(signIn.Session.ExpiresAt, session.Session.ExpiresAt);
    }

    [Fact]
    public async Task A_session_used_more_than_a_day_after_its_last_renewal_slides_for_seven_days()
    {
        var signIn = await RegisterVerified(NewAddress());

        Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var session = await Authenticate(signIn);

        Assert.NotNull(session);
        Assert.True(session.Renewed);
        Assert.Equal(Clock.GetUtcNow() + TimeSpan.FromDays(7), session.Session.ExpiresAt);
        Assert.False((await Authenticate(signIn))!.Renewed);

        Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.NotNull(await Authenticate(signIn)); // past the original expiry, alive thanks to the slide
    }

    [Fact]
    public async Task A_session_never_lives_beyond_thirty_days_from_sign_in()
    {
        var signIn = await RegisterVerified(NewAddress());
        var signedInAt = signIn.Session.CreatedAt;

        for (var day = 2; day <= 28; day += 2)
        {
            Advance(TimeSpan.FromDays(2));
            var session = await Authenticate(signIn);
            Assert.True(session is not null, $"The session was refused on day {day}.");
            Assert.True(session.Renewed);
            Assert.True(session.Session.ExpiresAt <= signedInAt + TimeSpan.FromDays(30));
        }
        Assert.Equal(signedInAt + TimeSpan.FromDays(30), (await Authenticate(signIn))!.Session.ExpiresAt);

        Advance(TimeSpan.FromDays(2));
        Assert.Null(await Authenticate(signIn));
    }

    [Fact]
    public async Task Revoking_a_session_takes_effect_immediately_and_leaves_the_others()
    {
        var address = NewAddress();
        var first = await RegisterVerified(address);
        var second = Succeeded(await Address(address).Login(Password));

        Assert.True(await User(first.User.Id).RevokeSession(first.Session.Id));

        Assert.Null(await Authenticate(first));
        Assert.NotNull(await Authenticate(second));
        Assert.False(await User(first.User.Id).RevokeSession(first.Session.Id));
    }

    [Fact]
    public async Task Revoking_all_sessions_takes_effect_immediately()
    {
        var address = NewAddress();
        var first = await RegisterVerified(address);
        var second = Succeeded(await Address(address).Login(Password));

        await User(first.User.Id).RevokeAllSessions();

        Assert.Null(await Authenticate(first));
        Assert.Null(await Authenticate(second));
        Assert.Empty(await User(first.User.Id).ListSessions());
        Succeeded(await Address(address).Login(Password));
    }

    [Fact]
    public async Task ListSessions_shows_the_active_sessions_newest_first()
    {
        var address = NewAddress();
        var first = await RegisterVerified(address);
        Advance(TimeSpan.FromMinutes(1));
        var second = Succeeded(await Address(address).Login(Password));
        Advance(TimeSpan.FromMinutes(1));
        var third = Succeeded(await Address(address).Login(Password));

        Assert.Equal(new[] { third.Session, second.Session, first.Session }, await User(first.User.Id).ListSessions());

        await User(first.User.Id).RevokeSession(second.Session.Id);
        Assert.Equal(new[] { third.Session, first.Session }, await User(first.User.Id).ListSessions());
    }

    [Fact]
    public async Task ListSessions_leaves_out_expired_sessions()
    {
        var address = NewAddress();
        var old = await RegisterVerified(address);
        Advance(TimeSpan.FromDays(6));
        var recent = Succeeded(await Address(address).Login(Password));

        Advance(TimeSpan.FromDays(1));

        Assert.Equal(new[] { recent.Session }, await User(old.User.Id).ListSessions());
    }

    [Fact]
    public async Task At_most_fifty_sessions_are_kept_and_the_least_recently_renewed_goes_first()
    {
        var login = Grains.GetGrain<IExternalLoginGrain>($"test:{Guid.NewGuid():N}");
        var identity = new ExternalIdentity(NewAddress(), true, null, null);
        var first = Succeeded(await login.SignIn(identity));
        Advance(TimeSpan.FromMinutes(1));
        var second = Succeeded(await login.SignIn(identity));
        Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.True((await Authenticate(first))!.Renewed); // now the second is the least recently renewed

        for (var i = 0; i < 49; i++) Succeeded(await login.SignIn(identity));

        Assert.Equal(50, (await User(first.User.Id).ListSessions()).Count);
        Assert.NotNull(await Authenticate(first));
        Assert.Null(await Authenticate(second));
    }

    [Fact]
    public async Task Tokens_of_users_that_do_not_exist_leave_no_activations_behind()
    {
        var management = Grains.GetGrain<IManagementGrain>(0);
        async Task<int> UserActivations() => (await management.GetSimpleGrainStatistics())
            .Where(s => s.GrainType.Contains(nameof(Platform.Grains.Accounts.UserGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount);
        var before = await UserActivations();

        for (var i = 0; i < 50; i++)
            Assert.Null(await User(Guid.NewGuid()).Authenticate(Guid.NewGuid(), new byte[32]));

        await Eventually.Async(async () => await UserActivations() <= before, TimeSpan.FromSeconds(30),
            "activations of made-up users were still there");
    }
}
