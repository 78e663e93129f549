using Platform.Grains.Accounts;
using Platform.Grains.Interfaces.Accounts;
using Platform.Grains.Mail;
using Platform.Grains.Tests.Cluster;

namespace Platform.Grains.Tests.Accounts;

/// <summary>
/// Issue 6, item 1: a password chosen by someone who cannot read the mailbox never ends up on
/// the account, in any order of registrations, limits and codes. Such a password never signs
/// in; it keeps answering "verify first" (EmailNotVerified) for its day, as a stand-in, so that
/// polling it tells nothing about what the owner did.
/// </summary>
public sealed class PasswordOwnershipTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    private const string Attacker = "the attacker's password";
    private const string Owner = "the owner's own password";
    private const string AttackerNetwork = "attacker-network";

    [Fact]
    public async Task The_owner_registering_after_the_attacker_keeps_their_own_password()
    {
        var address = NewAddress();
        await RegisterWithHandle(address, Attacker, AttackerNetwork);
        var (mail, handle) = await RegisterWithHandle(address, Owner);

        Succeeded(await Address(address).VerifyCode(CapturingMailer.CodeIn(mail), handle, GrainCallDefaults.Network));

        Succeeded(await Address(address).Login(Owner));
        Assert.Equal(AuthFailure.EmailNotVerified, (await Address(address).Login(Attacker)).Failure);
    }

    [Fact]
    public async Task The_attacker_registering_after_the_owner_changes_nothing()
    {
        var address = NewAddress();
        var (_, handle) = await RegisterWithHandle(address, Owner);
        Advance(TimeSpan.FromMinutes(1));
        var (attackerMail, _) = await RegisterWithHandle(address, Attacker, AttackerNetwork);

        // The owner even uses the code from the attacker's mail, from the client that registered.
        Succeeded(await Address(address).VerifyCode(CapturingMailer.CodeIn(attackerMail), handle, GrainCallDefaults.Network));

        Succeeded(await Address(address).Login(Owner));
        Assert.Equal(AuthFailure.EmailNotVerified, (await Address(address).Login(Attacker)).Failure);
    }

    [Fact]
    public async Task A_filled_mail_budget_refuses_the_owners_registration_openly_and_the_attackers_password_never_lands()
    {
        // The attacker spends the address's registrations for the network they share with the owner.
        var address = NewAddress();
        var attackerMails = new List<OutgoingMail>();
        for (var i = 0; i < 3; i++)
        {
            attackerMails.Add((await RegisterWithHandle(address, Attacker, AttackerNetwork)).Mail);
            Advance(TimeSpan.FromSeconds(61));
        }

        var ownerRefused = await Address(address).Register(Owner, "Owner", GrainCallDefaults.NewHandleHash(), AttackerNetwork);

        Assert.NotNull(ownerRefused);
        Assert.Equal(AuthFailure.RateLimited, ownerRefused.Failure);
        // The owner, told to wait, uses a code that reached their inbox instead: verified, no password.
        var signIn = Succeeded(await Address(address).VerifyCode(CapturingMailer.CodeIn(attackerMails[^1]), null, AttackerNetwork));
        Assert.True(signIn.User.EmailVerified);
        Assert.Null(signIn.User.Name);
        Assert.Equal(AuthFailure.EmailNotVerified, (await Address(address).Login(Attacker)).Failure);
    }

    [Fact]
    public async Task A_filled_budget_on_the_attackers_network_leaves_the_owners_network_its_own()
    {
        var address = NewAddress();
        for (var i = 0; i < 3; i++)
        {
            await RegisterWithHandle(address, Attacker, AttackerNetwork);
            Advance(TimeSpan.FromSeconds(61));
        }

        var (mail, handle) = await RegisterWithHandle(address, Owner);

        Succeeded(await Address(address).VerifyCode(CapturingMailer.CodeIn(mail), handle, GrainCallDefaults.Network));
        Succeeded(await Address(address).Login(Owner));
        Assert.Equal(AuthFailure.EmailNotVerified, (await Address(address).Login(Attacker)).Failure);
    }

    [Fact]
    public async Task Polling_login_tells_the_attacker_nothing_and_re_registering_wins_nothing()
    {
        var address = NewAddress();
        await RegisterWithHandle(address, Attacker, AttackerNetwork);
        Assert.Equal(AuthFailure.EmailNotVerified, (await Address(address).Login(Attacker, AttackerNetwork)).Failure);

        var (mail, handle) = await RegisterWithHandle(address, Owner);

        // Before: the owner's registration replaced the attacker's password, and 403 turned to 401.
        Assert.Equal(AuthFailure.EmailNotVerified, (await Address(address).Login(Attacker, AttackerNetwork)).Failure);
        Advance(TimeSpan.FromMinutes(1));
        await RegisterWithHandle(address, Attacker, AttackerNetwork);
        Succeeded(await Address(address).VerifyCode(CapturingMailer.CodeIn(mail), handle, GrainCallDefaults.Network));
        Succeeded(await Address(address).Login(Owner));
        Assert.Equal(AuthFailure.EmailNotVerified, (await Address(address).Login(Attacker, AttackerNetwork)).Failure);
    }

    [Fact]
    public async Task The_attackers_link_opened_by_the_owners_client_sets_the_owners_password()
    {
        var address = NewAddress();
        var (_, handle) = await RegisterWithHandle(address, Owner);
        Advance(TimeSpan.FromMinutes(1));
        var (attackerMail, _) = await RegisterWithHandle(address, Attacker, AttackerNetwork);
        var link = CapturingMailer.LinkTokenIn(attackerMail);

        Succeeded(await User(link.UserId).VerifyEmailLink(link.Id, link.SecretHash, handle));

        Succeeded(await Address(address).Login(Owner));
        Assert.Equal(AuthFailure.EmailNotVerified, (await Address(address).Login(Attacker)).Failure);
    }

    [Fact]
    public async Task A_link_opened_without_a_handle_verifies_with_no_password()
    {
        var address = NewAddress();
        var (mail, _) = await RegisterWithHandle(address, Owner);
        var link = CapturingMailer.LinkTokenIn(mail);

        var signIn = Succeeded(await User(link.UserId).VerifyEmailLink(link.Id, link.SecretHash));

        Assert.True(signIn.User.EmailVerified);
        Assert.Equal(AuthFailure.EmailNotVerified, (await Address(address).Login(Owner)).Failure);
    }

    [Fact]
    public async Task A_handle_of_another_address_vouches_for_nothing()
    {
        var address = NewAddress();
        var (_, otherHandle) = await RegisterWithHandle(NewAddress(), Attacker, AttackerNetwork);
        var (mail, _) = await RegisterWithHandle(address, Owner);

        Succeeded(await Address(address).VerifyCode(CapturingMailer.CodeIn(mail), otherHandle, GrainCallDefaults.Network));

        Assert.Equal(AuthFailure.EmailNotVerified, (await Address(address).Login(Owner)).Failure);
        Assert.Equal(AuthFailure.InvalidCredentials, (await Address(address).Login(Attacker)).Failure);
    }

    [Fact]
    public async Task Each_user_hashes_its_registrations_with_a_random_salt_of_its_own()
    {
        var first = NewAddress();
        var second = NewAddress();
        await RegisterWithHandle(first, Owner);
        await RegisterWithHandle(second, Owner);

        var firstSalt = (await User((await Address(first).GetOwner())!.Value).GetPasswordState()).RegistrationSalt;
        var secondSalt = (await User((await Address(second).GetOwner())!.Value).GetPasswordState()).RegistrationSalt;
        Assert.NotNull(firstSalt);
        Assert.NotNull(secondSalt);
        Assert.NotEqual(firstSalt, secondSalt);
    }

    [Fact]
    public async Task Register_then_login_answers_alike_for_a_verified_account_and_an_unknown_address()
    {
        // Review finding: a verified account kept nothing of a registration, so logging in with
        // the password just registered answered 401 there and 403 everywhere else.
        var verified = NewAddress();
        await RegisterVerified(verified, Owner);
        var unknown = NewAddress();
        Advance(TimeSpan.FromSeconds(61));

        await Address(verified).Register(Attacker, null, GrainCallDefaults.NewHandleHash(), AttackerNetwork);
        await Address(unknown).Register(Attacker, null, GrainCallDefaults.NewHandleHash(), AttackerNetwork);

        Assert.Equal(AuthFailure.EmailNotVerified, (await Address(verified).Login(Attacker, AttackerNetwork)).Failure);
        Assert.Equal(AuthFailure.EmailNotVerified, (await Address(unknown).Login(Attacker, AttackerNetwork)).Failure);
        // The owner's password still signs in, and the stand-in never does.
        Succeeded(await Address(verified).Login(Owner));
    }

    [Fact]
    public async Task Only_the_latest_registrations_codes_are_live_but_every_link_is()
    {
        var address = NewAddress();
        var mails = new List<OutgoingMail>();
        for (var i = 0; i < 4; i++)
            mails.Add((await RegisterWithHandle(address, Owner, $"network-{i}")).Mail);

        // Pushed out of the live codes: right but "expired", so its holder turns to the link.
        Assert.Equal(AuthFailure.CodeExpired, (await Address(address).VerifyCode(CapturingMailer.CodeIn(mails[0]))).Failure);
        var link = CapturingMailer.LinkTokenIn(mails[0]);
        Succeeded(await User(link.UserId).VerifyEmailLink(link.Id, link.SecretHash));
    }
}
