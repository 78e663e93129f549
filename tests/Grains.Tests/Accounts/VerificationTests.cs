using Platform.Grains.Interfaces.Accounts;
using Platform.Grains.Tests.Cluster;

namespace Platform.Grains.Tests.Accounts;

public sealed class VerificationTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    [Fact]
    public async Task Verifying_by_code_signs_in_and_marks_the_address_verified()
    {
        var address = NewAddress();
        var (mail, handle) = await RegisterWithHandle(address);

        var signIn = Succeeded(await Address(address).VerifyCode(CapturingMailer.CodeIn(mail), handle, GrainCallDefaults.Network));

        Assert.True(signIn.User.EmailVerified);
        Assert.Equal(address, signIn.User.Email);
        Assert.Equal(await Address(address).GetOwner(), signIn.User.Id);
        Assert.True((await User(signIn.User.Id).GetProfile())!.EmailVerified);
        Assert.NotNull(await User(signIn.User.Id).Authenticate(TokenOf(signIn).Id, TokenOf(signIn).SecretHash));
        Succeeded(await Address(address).Login(Password));
    }

    [Fact]
    public async Task Verifying_by_link_token_signs_in_and_marks_the_address_verified()
    {
        var address = NewAddress();
        var (mail, handle) = await RegisterWithHandle(address);
        var link = CapturingMailer.LinkTokenIn(mail);

        var signIn = Succeeded(await User(link.UserId).VerifyEmailLink(link.Id, link.SecretHash, handle));

        Assert.True(signIn.User.EmailVerified);
        Assert.Equal(await Address(address).GetOwner(), signIn.User.Id);
        Succeeded(await Address(address).Login(Password));
    }

    [Fact]
    public async Task Verification_link_is_single_use()
    {
        var link = CapturingMailer.LinkTokenIn(await Register(NewAddress()));
        Succeeded(await User(link.UserId).VerifyEmailLink(link.Id, link.SecretHash));

        var again = await User(link.UserId).VerifyEmailLink(link.Id, link.SecretHash);

        Assert.Equal(AuthFailure.InvalidCode, again.Failure);
        Assert.Null(again.SignIn);
    }

    [Fact]
    public async Task Verification_link_with_a_wrong_secret_is_refused()
    {
        var address = NewAddress();
        var link = CapturingMailer.LinkTokenIn(await Register(address));
        var forged = UserToken.Create(link.UserId, link.Id);

        Assert.Equal(AuthFailure.InvalidCode, (await User(link.UserId).VerifyEmailLink(forged.Id, forged.SecretHash)).Failure);
        Assert.False((await User(link.UserId).GetProfile())!.EmailVerified);
    }

    [Fact]
    public async Task Verification_link_expires_after_a_day()
    {
        var link = CapturingMailer.LinkTokenIn(await Register(NewAddress()));

        Advance(TimeSpan.FromHours(24));

        Assert.Equal(AuthFailure.CodeExpired, (await User(link.UserId).VerifyEmailLink(link.Id, link.SecretHash)).Failure);
    }

    [Fact]
    public async Task Verifying_by_code_makes_the_link_unusable()
    {
        var address = NewAddress();
        var mail = await Register(address);
        Succeeded(await Address(address).VerifyCode(CapturingMailer.CodeIn(mail)));

        var link = CapturingMailer.LinkTokenIn(mail);

        Assert.Equal(AuthFailure.InvalidCode, (await User(link.UserId).VerifyEmailLink(link.Id, link.SecretHash)).Failure);
    }
}
