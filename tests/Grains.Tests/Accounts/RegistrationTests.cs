using Platform.Grains.Interfaces.Accounts;
using Platform.Grains.Tests.Cluster;

namespace Platform.Grains.Tests.Accounts;

public sealed class RegistrationTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    [Fact]
    public async Task Register_sends_a_verification_mail_with_a_six_digit_code_and_a_link_token()
    {
        var address = NewAddress();

        var mail = await Register(address);

        Assert.Equal("Verify your email address", mail.Subject);
        Assert.Matches(@"^\d{6}$", CapturingMailer.CodeIn(mail));
        Assert.StartsWith("https://platform.test/verify-email?token=", CapturingMailer.LinkIn(mail));
        var owner = await Address(address).GetOwner();
        Assert.Equal(owner, CapturingMailer.LinkTokenIn(mail).UserId);
    }

    [Fact]
    public async Task Register_creates_an_unverified_user_that_owns_the_address()
    {
        var address = NewAddress();

        await Register(address);

        var owner = await Address(address).GetOwner();
        Assert.NotNull(owner);
        var profile = await User(owner.Value).GetProfile();
        Assert.NotNull(profile);
        Assert.Equal(address, profile.Email);
        // A registration's name, like its password, is the account's only once verified with its handle.
        Assert.Null(profile.Name);
        Assert.False(profile.EmailVerified);
    }

    [Fact]
    public async Task Register_for_an_existing_verified_account_sends_the_already_have_an_account_mail_and_keeps_the_password()
    {
        var address = NewAddress();
        var account = await RegisterVerified(address);
        Advance(TimeSpan.FromSeconds(61));

        await Address(address).Register("another password entirely", "Mallory");

        var mail = Mailbox.LastTo(address);
        Assert.Equal("You already have an account", mail.Subject);
        Assert.DoesNotMatch(@"\d{6}", mail.Text);
        Assert.Equal(account.User.Id, await Address(address).GetOwner());
        // Never the account's password: a stand-in that answers as a pending registration would.
        Assert.Equal(AuthFailure.EmailNotVerified, (await Address(address).Login("another password entirely")).Failure);
        Succeeded(await Address(address).Login(Password));
        Assert.Equal("Ann", (await User(account.User.Id).GetProfile())!.Name);
    }

    [Fact]
    public async Task Registrations_of_an_unverified_address_are_kept_apart_each_with_its_own_code_and_link()
    {
        var address = NewAddress();
        var (first, firstHandle) = await RegisterWithHandle(address, "first password here");
        Advance(TimeSpan.FromSeconds(61));

        var (second, _) = await RegisterWithHandle(address, "second password here");

        Assert.Equal("Verify your email address", second.Subject);
        // Either registration's password is "right, but verify first"; neither signs in.
        Assert.Equal(AuthFailure.EmailNotVerified, (await Address(address).Login("first password here")).Failure);
        Assert.Equal(AuthFailure.EmailNotVerified, (await Address(address).Login("second password here")).Failure);
        Assert.Equal(AuthFailure.InvalidCredentials, (await Address(address).Login("third password here")).Failure);
        // The second mail's code, sent with the first registration's handle: the first one's password.
        Succeeded(await Address(address).VerifyCode(CapturingMailer.CodeIn(second), firstHandle, GrainCallDefaults.Network));
        Succeeded(await Address(address).Login("first password here"));
        Assert.Equal(AuthFailure.EmailNotVerified, (await Address(address).Login("second password here")).Failure);
        // Verified: the other registration's link is spent with it.
        var firstLink = CapturingMailer.LinkTokenIn(first);
        Assert.Equal(AuthFailure.InvalidCode, (await User(firstLink.UserId).VerifyEmailLink(firstLink.Id, firstLink.SecretHash)).Failure);
    }

    [Fact]
    public async Task Register_within_the_send_interval_is_refused_as_rate_limited_and_changes_nothing()
    {
        // Never silently dropped: the client is told, and the address's first registration stands.
        var address = NewAddress();
        var (mail, handle) = await RegisterWithHandle(address, "first password here");

        var refusal = await Address(address).Register("second password here", null);

        Assert.NotNull(refusal);
        Assert.Equal(AuthFailure.RateLimited, refusal.Failure);
        Assert.True(refusal.RetryAfter > TimeSpan.Zero);
        Assert.Single(Mailbox.To(address));
        Assert.Equal(AuthFailure.InvalidCredentials, (await Address(address).Login("second password here")).Failure);
        Succeeded(await Address(address).VerifyCode(CapturingMailer.CodeIn(mail), handle, GrainCallDefaults.Network));
        Succeeded(await Address(address).Login("first password here"));
    }

    [Fact]
    public async Task A_refused_registration_keeps_the_mailed_code_and_link_valid()
    {
        // A double-clicked "register": the second call is refused, so the code and link the
        // person already holds are the only ones they can ever see and must keep working.
        var address = NewAddress();
        var mail = await Register(address);

        Assert.NotNull(await Address(address).Register(Password, null));

        Assert.Single(Mailbox.To(address));
        var link = CapturingMailer.LinkTokenIn(mail);
        Succeeded(await User(link.UserId).VerifyEmailLink(link.Id, link.SecretHash));
    }

    [Fact]
    public async Task Twenty_parallel_registrations_of_one_address_create_exactly_one_user()
    {
        var address = NewAddress();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Address(address).Register($"racing password {i}", null)));

        var owner = await Address(address).GetOwner();
        Assert.NotNull(owner);
        var mails = Mailbox.To(address);
        Assert.NotEmpty(mails);
        Assert.All(mails, m => Assert.Equal(owner.Value, CapturingMailer.LinkTokenIn(m).UserId));
        Assert.Single(mails); // the rest were held back by the 60-second send limit
        Assert.Equal(address, (await User(owner.Value).GetProfile())!.Email);
        for (var i = 0; i < 3; i++)
            Assert.Equal(owner, await Address(address).GetOwner());
        Assert.Equal(owner.Value, await Address(address).Claim(Guid.NewGuid()));
    }
}
