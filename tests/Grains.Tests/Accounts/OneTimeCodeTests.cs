using Platform.Grains.Interfaces.Accounts;
using Platform.Grains.Tests.Cluster;

namespace Platform.Grains.Tests.Accounts;

public sealed class OneTimeCodeTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    [Fact]
    public async Task Code_is_still_valid_just_before_ten_minutes()
    {
        var address = NewAddress();
        var code = CapturingMailer.CodeIn(await Register(address));

        Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));

        Succeeded(await Address(address).VerifyCode(code));
    }

    [Fact]
    public async Task Code_expires_after_ten_minutes()
    {
        var address = NewAddress();
        var code = CapturingMailer.CodeIn(await Register(address));

        Advance(TimeSpan.FromMinutes(10));

        var result = await Address(address).VerifyCode(code);
        Assert.Equal(AuthFailure.CodeExpired, result.Failure);
        Assert.Null(result.SignIn);
    }

    [Fact]
    public async Task Three_wrong_codes_kill_the_code_even_for_the_right_one()
    {
        var address = NewAddress();
        var code = CapturingMailer.CodeIn(await Register(address));

        for (var i = 0; i < 3; i++)
            Assert.Equal(AuthFailure.InvalidCode, (await Address(address).VerifyCode(Other(code))).Failure);

        Assert.Equal(AuthFailure.TooManyAttempts, (await Address(address).VerifyCode(code)).Failure);
        Assert.False((await User((await Address(address).GetOwner())!.Value).GetProfile())!.EmailVerified);
    }

    [Fact]
    public async Task Two_wrong_codes_still_leave_the_right_one_usable()
    {
        var address = NewAddress();
        var code = CapturingMailer.CodeIn(await Register(address));

        for (var i = 0; i < 2; i++)
            Assert.Equal(AuthFailure.InvalidCode, (await Address(address).VerifyCode(Other(code))).Failure);

        Succeeded(await Address(address).VerifyCode(code));
    }

    [Fact]
    public async Task A_new_code_replaces_the_previous_one()
    {
        var address = NewAddress();
        await RegisterVerified(address);
        Advance(TimeSpan.FromSeconds(61));
        await Mailed(address, CodePurpose.SignIn);
        var old = CapturingMailer.CodeIn(Mailbox.LastTo(address));
        var fresh = old;
        while (fresh == old) // one chance in a million per try that the new code repeats the old one
        {
            Advance(TimeSpan.FromSeconds(61));
            await Mailed(address, CodePurpose.VerifyEmail);
            fresh = CapturingMailer.CodeIn(Mailbox.LastTo(address));
        }

        Assert.Equal(AuthFailure.InvalidCode, (await Address(address).VerifyCode(old)).Failure);
        Succeeded(await Address(address).VerifyCode(fresh));
    }

    [Fact]
    public async Task A_new_code_after_too_many_attempts_works()
    {
        var address = NewAddress();
        var code = CapturingMailer.CodeIn(await Register(address));
        for (var i = 0; i < 3; i++) await Address(address).VerifyCode(Other(code));
        Advance(TimeSpan.FromSeconds(61));

        await Mailed(address, CodePurpose.VerifyEmail);

        Succeeded(await Address(address).VerifyCode(CapturingMailer.CodeIn(Mailbox.LastTo(address))));
    }

    [Fact]
    public async Task Code_is_single_use()
    {
        var address = NewAddress();
        var code = CapturingMailer.CodeIn(await Register(address));
        Succeeded(await Address(address).VerifyCode(code));

        Assert.Equal(AuthFailure.InvalidCode, (await Address(address).VerifyCode(code)).Failure);
    }

    [Fact]
    public async Task Sign_in_code_signs_in_a_verified_user_with_a_new_session()
    {
        var address = NewAddress();
        var first = await RegisterVerified(address);
        Advance(TimeSpan.FromSeconds(61));

        await Mailed(address, CodePurpose.SignIn);

        var mail = Mailbox.LastTo(address);
        Assert.Equal("Your sign-in code", mail.Subject);
        var second = Succeeded(await Address(address).VerifyCode(CapturingMailer.CodeIn(mail)));
        Assert.Equal(first.User.Id, second.User.Id);
        Assert.NotEqual(first.Session.Id, second.Session.Id);
    }

    [Fact]
    public async Task Sign_in_code_for_an_unverified_user_verifies_the_address()
    {
        var address = NewAddress();
        await Register(address);
        Advance(TimeSpan.FromSeconds(61));

        await Mailed(address, CodePurpose.SignIn);

        var signIn = Succeeded(await Address(address).VerifyCode(CapturingMailer.CodeIn(Mailbox.LastTo(address))));
        Assert.True(signIn.User.EmailVerified);
    }

    [Fact]
    public async Task A_sign_in_code_verifying_a_pre_registered_address_drops_the_password_set_there()
    {
        // Someone else registered the address with their password; its owner signs in by code.
        var address = NewAddress();
        await Register(address, "the squatter's password");
        Advance(TimeSpan.FromSeconds(61));

        await Mailed(address, CodePurpose.SignIn);
        Succeeded(await Address(address).VerifyCode(CapturingMailer.CodeIn(Mailbox.LastTo(address))));

        Assert.Equal(AuthFailure.EmailNotVerified, (await Address(address).Login("the squatter's password")).Failure);
    }

    [Fact]
    public async Task A_verification_code_asked_for_again_keeps_the_password_of_the_registration_whose_handle_comes_with_it()
    {
        var address = NewAddress();
        var (_, handle) = await RegisterWithHandle(address, "my own password here");
        Advance(TimeSpan.FromSeconds(61));

        await Mailed(address, CodePurpose.VerifyEmail);
        Succeeded(await Address(address).VerifyCode(CapturingMailer.CodeIn(Mailbox.LastTo(address)), handle, GrainCallDefaults.Network));

        Succeeded(await Address(address).Login("my own password here"));
    }

    [Fact]
    public async Task A_verification_code_asked_for_again_vouches_for_no_password_without_a_handle()
    {
        // The attack the handle closes: a code mailed to the owner verified whatever password was current.
        var address = NewAddress();
        await Register(address, "the squatter's password");
        Advance(TimeSpan.FromSeconds(61));

        await Mailed(address, CodePurpose.VerifyEmail);
        var signIn = Succeeded(await Address(address).VerifyCode(CapturingMailer.CodeIn(Mailbox.LastTo(address))));

        Assert.True(signIn.User.EmailVerified);
        Assert.Equal(AuthFailure.EmailNotVerified, (await Address(address).Login("the squatter's password")).Failure);
    }

    [Fact]
    public async Task A_code_for_an_address_without_account_is_refused_like_a_wrong_one()
    {
        Assert.Equal(AuthFailure.InvalidCode, (await Address(NewAddress()).VerifyCode("123456")).Failure);
    }

    /// <summary>A sign-in code sent to an address with an account and to one without; and a wrong code.</summary>
    private async Task<(string Existing, string Unknown, string Wrong)> CodesSentWithAndWithoutAnAccount()
    {
        var existing = NewAddress();
        await RegisterVerified(existing);
        Advance(TimeSpan.FromSeconds(61));
        var unknown = NewAddress();
        await Mailed(existing, CodePurpose.SignIn);
        await Address(unknown).SendCode(CodePurpose.SignIn);
        return (existing, unknown, Other(CapturingMailer.CodeIn(Mailbox.LastTo(existing))));
    }

    [Fact]
    public async Task Wrong_codes_answer_alike_with_and_without_an_account()
    {
        var (existing, unknown, wrong) = await CodesSentWithAndWithoutAnAccount();

        for (var attempt = 1; attempt <= 4; attempt++)
            Assert.Equal((await Address(existing).VerifyCode(wrong)).Failure, (await Address(unknown).VerifyCode(wrong)).Failure);
        Assert.Equal(AuthFailure.TooManyAttempts, (await Address(unknown).VerifyCode(wrong)).Failure);
    }

    [Fact]
    public async Task Expired_codes_answer_alike_with_and_without_an_account()
    {
        var (existing, unknown, wrong) = await CodesSentWithAndWithoutAnAccount();

        Advance(TimeSpan.FromMinutes(10));
        // "Expired" is told only to whoever holds the code; a guess is wrong alike everywhere.
        Assert.Equal(AuthFailure.InvalidCode, (await Address(existing).VerifyCode(wrong)).Failure);
        Assert.Equal(AuthFailure.InvalidCode, (await Address(unknown).VerifyCode(wrong)).Failure);
        Assert.Equal(AuthFailure.CodeExpired, (await Address(existing).VerifyCode(CapturingMailer.CodeIn(Mailbox.LastTo(existing)))).Failure);

        Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(AuthFailure.InvalidCode, (await Address(existing).VerifyCode(wrong)).Failure);
        Assert.Equal(AuthFailure.InvalidCode, (await Address(unknown).VerifyCode(wrong)).Failure);
    }
}
