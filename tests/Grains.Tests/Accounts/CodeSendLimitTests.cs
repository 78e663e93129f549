using Platform.Grains.Interfaces.Accounts;
using Platform.Grains.Tests.Cluster;

namespace Platform.Grains.Tests.Accounts;

/// <summary>At most one code mail per 60 seconds and five per hour for one address; registering counts.</summary>
public sealed class CodeSendLimitTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    [Fact]
    public async Task A_second_code_within_sixty_seconds_sends_no_mail()
    {
        var address = NewAddress();
        await Register(address);

        await Address(address).SendCode(CodePurpose.VerifyEmail);
        Advance(TimeSpan.FromSeconds(59));
        await Address(address).SendCode(CodePurpose.VerifyEmail);

        Assert.Single(Mailbox.To(address));
        Advance(TimeSpan.FromSeconds(1));
        await Mailed(address, CodePurpose.VerifyEmail);
        Assert.Equal(2, Mailbox.To(address).Count);
    }

    [Fact]
    public async Task A_sixth_code_within_an_hour_sends_no_mail_until_the_hour_has_passed()
    {
        var address = NewAddress();
        await Register(address);
        var firstSend = Clock.GetUtcNow();
        for (var i = 0; i < 4; i++)
        {
            Advance(TimeSpan.FromSeconds(61));
            await Mailed(address, CodePurpose.VerifyEmail);
        }
        Assert.Equal(5, Mailbox.To(address).Count);

        Advance(TimeSpan.FromSeconds(61));
        await Address(address).SendCode(CodePurpose.VerifyEmail);
        Assert.Equal(5, Mailbox.To(address).Count);

        Advance(firstSend + TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1) - Clock.GetUtcNow());
        await Address(address).SendCode(CodePurpose.VerifyEmail);
        Assert.Equal(5, Mailbox.To(address).Count);

        Advance(TimeSpan.FromSeconds(1));
        await Mailed(address, CodePurpose.VerifyEmail);
        Assert.Equal(6, Mailbox.To(address).Count);
        Succeeded(await Address(address).VerifyCode(CapturingMailer.CodeIn(Mailbox.LastTo(address))));
    }

    [Fact]
    public async Task A_code_for_an_address_without_account_sends_nothing()
    {
        var address = NewAddress();

        await Address(address).SendCode(CodePurpose.SignIn);

        Assert.Empty(Mailbox.To(address));
        Assert.Null(await Address(address).GetOwner());
    }
}
