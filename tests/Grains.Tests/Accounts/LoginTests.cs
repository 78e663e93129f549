using Platform.Grains.Interfaces.Accounts;
using Platform.Grains.Tests.Cluster;

namespace Platform.Grains.Tests.Accounts;

public sealed class LoginTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task Login_with_the_right_password_signs_in_with_a_new_session()
    {
        var address = NewAddress();
        var first = await RegisterVerified(address);

        var second = Succeeded(await Address(address).Login(Password));

        Assert.Equal(first.User.Id, second.User.Id);
        Assert.NotEqual(first.Session.Id, second.Session.Id);
        Assert.NotEqual(first.Token, second.Token);
    }

    [Fact]
    public async Task Login_with_wrong_password_is_invalid_credentials()
    {
        var address = NewAddress();
        await RegisterVerified(address);

        var result = await Address(address).Login("not the password");

        Assert.Equal(AuthFailure.InvalidCredentials, result.Failure);
        Assert.Null(result.SignIn);
    }

    [Fact]
    public async Task Login_for_an_unknown_address_is_invalid_credentials_like_a_wrong_password()
    {
        var result = await Address(NewAddress()).Login(Password);

        Assert.Equal(AuthFailure.InvalidCredentials, result.Failure);
        Assert.Null(result.SignIn);
    }

    [Fact]
    public async Task Login_with_the_right_password_but_an_unverified_address_is_email_not_verified()
    {
        var address = NewAddress();
        await Register(address);

        var result = await Address(address).Login(Password);

        Assert.Equal(AuthFailure.EmailNotVerified, result.Failure);
        Assert.Null(result.SignIn);
    }

    [Fact]
    public async Task Login_with_a_wrong_password_on_an_unverified_address_is_invalid_credentials()
    {
        var address = NewAddress();
        await Register(address);

        Assert.Equal(AuthFailure.InvalidCredentials, (await Address(address).Login("not the password")).Failure);
    }

    [Fact]
    public async Task Login_accepts_the_password_typed_in_another_unicode_normalisation_form()
    {
        // One keyboard sends "é" as U+00E9, another as "e" + U+0301; both are the same password.
        var address = NewAddress();
        await RegisterVerified(address, "cr\u00e8me br\u00fbl\u00e9e");

        Succeeded(await Address(address).Login("cre\u0300me bru\u0302le\u0301e"));
    }

    [Fact]
    public async Task Ten_failed_logins_within_fifteen_minutes_rate_limit_the_address_until_the_window_passes()
    {
        var address = NewAddress();
        await RegisterVerified(address);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(AuthFailure.InvalidCredentials, (await Address(address).Login("not the password")).Failure);
            Advance(TimeSpan.FromSeconds(10));
        }

        var refused = await Address(address).Login(Password);

        Assert.Equal(AuthFailure.RateLimited, refused.Failure);
        Assert.Null(refused.SignIn);
        Assert.Equal(Window - TimeSpan.FromSeconds(100), refused.RetryAfter);
        Advance(refused.RetryAfter!.Value - TimeSpan.FromSeconds(1));
        Assert.Equal(AuthFailure.RateLimited, (await Address(address).Login(Password)).Failure);
        Advance(TimeSpan.FromSeconds(1));
        Succeeded(await Address(address).Login(Password));
    }

    [Fact]
    public async Task Failed_logins_older_than_fifteen_minutes_do_not_count()
    {
        var address = NewAddress();
        await RegisterVerified(address);
        for (var i = 0; i < 9; i++) await Address(address).Login("not the password");
        Advance(Window);

        for (var i = 0; i < 9; i++)
            Assert.Equal(AuthFailure.InvalidCredentials, (await Address(address).Login("not the password")).Failure);

        Succeeded(await Address(address).Login(Password));
    }

    [Fact]
    public async Task A_successful_login_clears_the_failed_logins()
    {
        var address = NewAddress();
        await RegisterVerified(address);
        for (var i = 0; i < 9; i++) await Address(address).Login("not the password");
        Succeeded(await Address(address).Login(Password));

        for (var i = 0; i < 9; i++) await Address(address).Login("not the password");

        Succeeded(await Address(address).Login(Password));
    }

    [Fact]
    public async Task The_same_lockout_applies_to_an_unknown_address()
    {
        var address = NewAddress();
        for (var i = 0; i < 10; i++)
            Assert.Equal(AuthFailure.InvalidCredentials, (await Address(address).Login("not the password")).Failure);

        var refused = await Address(address).Login("not the password");

        Assert.Equal(AuthFailure.RateLimited, refused.Failure);
        Assert.Equal(Window, refused.RetryAfter);
        Advance(Window);
        Assert.Equal(AuthFailure.InvalidCredentials, (await Address(address).Login("not the password")).Failure);
    }
}
