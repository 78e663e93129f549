using Platform.Grains.Interfaces.Accounts;
using Platform.Grains.Tests.Cluster;

namespace Platform.Grains.Tests.Accounts;

public sealed class ExternalLoginTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    private IExternalLoginGrain Login(string subject) => Grains.GetGrain<IExternalLoginGrain>($"prov:{subject}");

    private static string NewSubject() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task External_sign_in_without_a_verified_email_is_refused()
    {
        var address = NewAddress();

        var result = await Login(NewSubject()).SignIn(new ExternalIdentity(address, EmailVerified: false, "Ann", null));

        Assert.Equal(AuthFailure.ExternalEmailNotVerified, result.Failure);
        Assert.Null(result.SignIn);
        Assert.Null(await Address(address).GetOwner());
    }

    [Fact]
    public async Task External_sign_in_with_an_invalid_address_is_refused()
    {
        var result = await Login(NewSubject()).SignIn(new ExternalIdentity("Ann <ann@example.test>", EmailVerified: true, "Ann", null));

        Assert.Equal(AuthFailure.ExternalEmailNotVerified, result.Failure);
    }

    [Fact]
    public async Task A_provider_address_whose_local_part_is_not_ascii_never_links_to_an_account()
    {
        var owner = $"kate-{Guid.NewGuid():N}@example.test";
        var ownerSignIn = Succeeded(await Login(NewSubject()).SignIn(new ExternalIdentity(owner, true, "Kate", null)));
        // KELVIN SIGN (U+212A) lower-cases to an ASCII "k": another mailbox that would fold onto the owner's address.
        var lookalike = "\u212A" + owner[1..];

        var result = await Login(NewSubject()).SignIn(new ExternalIdentity(lookalike, EmailVerified: true, "Not Kate", null));

        Assert.Equal(AuthFailure.ExternalEmailNotVerified, result.Failure);
        Assert.Null(result.SignIn);
        Assert.Equal(ownerSignIn.User.Id, await Address(owner).GetOwner());
    }

    [Fact]
    public async Task External_sign_in_for_a_new_address_creates_a_verified_user_that_owns_it()
    {
        var address = NewAddress();

        var signIn = Succeeded(await Login(NewSubject()).SignIn(new ExternalIdentity(address.ToUpperInvariant(), true, "Ann", "https://img.test/ann.png")));

        Assert.True(signIn.User.EmailVerified);
        Assert.Equal(address, signIn.User.Email);
        Assert.Equal("Ann", signIn.User.Name);
        Assert.Equal("https://img.test/ann.png", signIn.User.Image);
        Assert.Equal(signIn.User.Id, await Address(address).GetOwner());
        var token = TokenOf(signIn);
        Assert.NotNull(await User(token.UserId).Authenticate(token.Id, token.SecretHash));
    }

    [Fact]
    public async Task External_sign_in_links_to_an_existing_verified_password_account()
    {
        var address = NewAddress();
        var account = await RegisterVerified(address);

        var signIn = Succeeded(await Login(NewSubject()).SignIn(new ExternalIdentity(address, true, "Someone", null)));

        Assert.Equal(account.User.Id, signIn.User.Id);
        Assert.Equal("Ann", signIn.User.Name);
        Succeeded(await Address(address).Login(Password));
        Assert.NotNull(await User(account.User.Id).Authenticate(TokenOf(account).Id, TokenOf(account).SecretHash));
    }

    [Fact]
    public async Task External_sign_in_takes_over_an_unverified_account_and_its_password_stops_working()
    {
        var address = NewAddress();
        await Register(address, "someone else's password");
        var owner = await Address(address).GetOwner();

        var signIn = Succeeded(await Login(NewSubject()).SignIn(new ExternalIdentity(address, true, "Ann", null)));

        Assert.Equal(owner, signIn.User.Id);
        Assert.True(signIn.User.EmailVerified);
        Assert.Equal(AuthFailure.EmailNotVerified, (await Address(address).Login("someone else's password")).Failure);
    }

    [Fact]
    public async Task External_sign_in_makes_the_pending_verification_code_and_link_unusable()
    {
        var address = NewAddress();
        var mail = await Register(address, "someone else's password");
        Succeeded(await Login(NewSubject()).SignIn(new ExternalIdentity(address, true, "Ann", null)));

        var link = CapturingMailer.LinkTokenIn(mail);
        Assert.Equal(AuthFailure.InvalidCode, (await User(link.UserId).VerifyEmailLink(link.Id, link.SecretHash)).Failure);
        Assert.Equal(AuthFailure.InvalidCode, (await Address(address).VerifyCode(CapturingMailer.CodeIn(mail))).Failure);
    }

    [Fact]
    public async Task A_second_external_sign_in_with_the_same_subject_returns_the_same_user_with_a_new_session()
    {
        var subject = NewSubject();
        var address = NewAddress();
        var first = Succeeded(await Login(subject).SignIn(new ExternalIdentity(address, true, "Ann", null)));

        var second = Succeeded(await Login(subject).SignIn(new ExternalIdentity(address, true, "Ann", null)));

        Assert.Equal(first.User.Id, second.User.Id);
        Assert.NotEqual(first.Session.Id, second.Session.Id);
        Assert.NotEqual(first.Token, second.Token);
    }

    [Fact]
    public async Task Two_providers_with_the_same_verified_address_reach_the_same_user()
    {
        var address = NewAddress();

        var viaFirst = Succeeded(await Grains.GetGrain<IExternalLoginGrain>($"one:{NewSubject()}").SignIn(new ExternalIdentity(address, true, null, null)));
        var viaSecond = Succeeded(await Grains.GetGrain<IExternalLoginGrain>($"two:{NewSubject()}").SignIn(new ExternalIdentity(address, true, null, null)));

        Assert.Equal(viaFirst.User.Id, viaSecond.User.Id);
    }

    [Fact]
    public async Task Register_after_an_external_sign_in_sends_the_already_have_an_account_mail()
    {
        var address = NewAddress();
        Succeeded(await Login(NewSubject()).SignIn(new ExternalIdentity(address, true, "Ann", null)));

        await Address(address).Register("a password of my own", null);

        Assert.Equal("You already have an account", Mailbox.LastTo(address).Subject);
        // Not the account's password; answered as for any address with a pending registration.
        Assert.Equal(AuthFailure.EmailNotVerified, (await Address(address).Login("a password of my own")).Failure);
    }
}
