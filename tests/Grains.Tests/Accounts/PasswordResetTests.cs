using Platform.Grains.Interfaces.Accounts;
using Platform.Grains.Mail;
using Platform.Grains.Tests.Cluster;

namespace Platform.Grains.Tests.Accounts;

/// <summary>password/forgot, /reset and /change: how a password-less account becomes whole, and how a password moves on.</summary>
public sealed class PasswordResetTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    private const string NewPassword = "a brand new password";

    private async Task<OutgoingMail> Forgot(string address)
    {
        Advance(TimeSpan.FromSeconds(61));
        var before = Mailbox.To(address).Count;
        await Mailed(address, CodePurpose.ResetPassword);
        Assert.Equal(before + 1, Mailbox.To(address).Count);
        var mail = Mailbox.LastTo(address);
        Assert.Equal("Set a new password", mail.Subject);
        return mail;
    }

    [Fact]
    public async Task A_reset_code_sets_the_password_signs_in_and_revokes_every_other_session()
    {
        var address = NewAddress();
        var first = await RegisterVerified(address);
        var mail = await Forgot(address);

        var reset = Succeeded(await Address(address).ResetPassword(PasswordResetProof.FromCode(CapturingMailer.CodeIn(mail)), NewPassword, GrainCallDefaults.Network));

        Assert.Equal(first.User.Id, reset.User.Id);
        Assert.Null(await User(first.User.Id).Authenticate(TokenOf(first).Id, TokenOf(first).SecretHash));
        Assert.NotNull(await User(reset.User.Id).Authenticate(TokenOf(reset).Id, TokenOf(reset).SecretHash));
        Succeeded(await Address(address).Login(NewPassword));
        Assert.Equal(AuthFailure.InvalidCredentials, (await Address(address).Login(Password)).Failure);
    }

    [Fact]
    public async Task A_reset_link_works_once()
    {
        var address = NewAddress();
        await RegisterVerified(address);
        var link = CapturingMailer.LinkTokenIn(await Forgot(address));
        Assert.Equal(address, await User(link.UserId).EmailForResetLink(link.Id, link.SecretHash));

        Succeeded(await Address(address).ResetPassword(PasswordResetProof.FromLink(link), NewPassword, GrainCallDefaults.Network));

        Assert.Null(await User(link.UserId).EmailForResetLink(link.Id, link.SecretHash));
        Assert.Equal(AuthFailure.InvalidCode, (await Address(address).ResetPassword(PasswordResetProof.FromLink(link), "yet another password", GrainCallDefaults.Network)).Failure);
        Succeeded(await Address(address).Login(NewPassword));
    }

    [Fact]
    public async Task A_reset_code_expires_with_the_code_lifetime()
    {
        var address = NewAddress();
        await RegisterVerified(address);
        var code = CapturingMailer.CodeIn(await Forgot(address));
        Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(AuthFailure.CodeExpired, (await Address(address).ResetPassword(PasswordResetProof.FromCode(code), NewPassword, GrainCallDefaults.Network)).Failure);
        Succeeded(await Address(address).Login(Password));
    }

    [Fact]
    public async Task Forgot_mails_nothing_to_an_unverified_or_unknown_address()
    {
        var unverified = NewAddress();
        await Register(unverified);
        var unknown = NewAddress();
        Advance(TimeSpan.FromSeconds(61));

        await Address(unverified).SendCode(CodePurpose.ResetPassword);
        await Address(unknown).SendCode(CodePurpose.ResetPassword);

        Assert.Single(Mailbox.To(unverified));
        Assert.Empty(Mailbox.To(unknown));
    }

    [Fact]
    public async Task Wrong_reset_codes_answer_alike_with_and_without_an_account_and_are_limited()
    {
        var existing = NewAddress();
        await RegisterVerified(existing);
        var code = CapturingMailer.CodeIn(await Forgot(existing));
        var unknown = NewAddress();

        for (var i = 0; i < 3; i++)
            Assert.Equal(
                (await Address(unknown).ResetPassword(PasswordResetProof.FromCode(Other(code)), NewPassword, GrainCallDefaults.Network)).Failure,
                (await Address(existing).ResetPassword(PasswordResetProof.FromCode(Other(code)), NewPassword, GrainCallDefaults.Network)).Failure);

        Assert.Equal(AuthFailure.TooManyAttempts, (await Address(existing).ResetPassword(PasswordResetProof.FromCode(code), NewPassword, GrainCallDefaults.Network)).Failure);
        Assert.Equal(AuthFailure.TooManyAttempts, (await Address(unknown).ResetPassword(PasswordResetProof.FromCode(code), NewPassword, GrainCallDefaults.Network)).Failure);
        Succeeded(await Address(existing).Login(Password));
    }

    [Fact]
    public async Task An_account_verified_without_a_handle_is_made_whole_by_the_reset()
    {
        var address = NewAddress();
        var mail = await Register(address, "someone's password");
        Succeeded(await Address(address).VerifyCode(CapturingMailer.CodeIn(mail)));
        Assert.Equal(AuthFailure.EmailNotVerified, (await Address(address).Login("someone's password")).Failure);

        var code = CapturingMailer.CodeIn(await Forgot(address));
        Succeeded(await Address(address).ResetPassword(PasswordResetProof.FromCode(code), NewPassword, GrainCallDefaults.Network));

        Succeeded(await Address(address).Login(NewPassword));
    }

    [Fact]
    public async Task Change_needs_the_current_password_and_keeps_only_the_current_session()
    {
        var address = NewAddress();
        var current = await RegisterVerified(address);
        var other = Succeeded(await Address(address).Login(Password));
        var change = Address(address);

        Assert.Equal(AuthFailure.InvalidCredentials, (await change.ChangePassword(current.User.Id, current.Session.Id, "not the password", NewPassword, GrainCallDefaults.Network))!.Failure);
        Assert.Equal(AuthFailure.InvalidCredentials, (await change.ChangePassword(current.User.Id, current.Session.Id, null, NewPassword, GrainCallDefaults.Network))!.Failure);
        Assert.Null(await change.ChangePassword(current.User.Id, current.Session.Id, Password, NewPassword, GrainCallDefaults.Network));

        Assert.NotNull(await User(current.User.Id).Authenticate(TokenOf(current).Id, TokenOf(current).SecretHash));
        Assert.Null(await User(other.User.Id).Authenticate(TokenOf(other).Id, TokenOf(other).SecretHash));
        Succeeded(await Address(address).Login(NewPassword));
        Assert.Equal(AuthFailure.InvalidCredentials, (await Address(address).Login(Password)).Failure);
    }

    [Fact]
    public async Task A_password_less_account_sets_one_without_a_current_password()
    {
        var address = NewAddress();
        var signIn = Succeeded(await Address(address).VerifyCode(CapturingMailer.CodeIn(await Register(address))));

        Assert.Null(await Address(address).ChangePassword(signIn.User.Id, signIn.Session.Id, null, NewPassword, GrainCallDefaults.Network));

        Succeeded(await Address(address).Login(NewPassword));
    }

    [Fact]
    public async Task Change_is_refused_for_a_user_who_does_not_own_the_address()
    {
        var address = NewAddress();
        await RegisterVerified(address);
        var stranger = await RegisterVerified(NewAddress());

        Assert.Equal(AuthFailure.InvalidCredentials, (await Address(address).ChangePassword(stranger.User.Id, stranger.Session.Id, Password, NewPassword, GrainCallDefaults.Network))!.Failure);
        Succeeded(await Address(address).Login(Password));
    }

    [Fact]
    public async Task Change_from_a_session_revoked_meanwhile_changes_nothing()
    {
        var address = NewAddress();
        var signIn = await RegisterVerified(address);
        await User(signIn.User.Id).RevokeAllSessions();

        Assert.Equal(AuthFailure.InvalidCredentials, (await Address(address).ChangePassword(signIn.User.Id, signIn.Session.Id, Password, NewPassword, GrainCallDefaults.Network))!.Failure);
        Succeeded(await Address(address).Login(Password));
    }
}
