using Microsoft.Extensions.Time.Testing;
using Platform.Grains.Interfaces.Accounts;
using Platform.Grains.Mail;

namespace Platform.Grains.Tests.Cluster;

/// <summary>What the grain tests share: the cluster, the clock, the mailbox and a few steps.</summary>
[Collection(ClusterCollection.Name)]
public abstract class ClusterTest(ClusterFixture fixture)
{
    protected ClusterFixture Fixture { get; } = fixture;

    protected const string Password = "correct horse battery";

    protected IGrainFactory Grains { get; } = fixture.Grains;

    protected static FakeTimeProvider Clock => ClusterFixture.Clock;

    protected static CapturingMailer Mailbox => ClusterFixture.Mailbox;

    /// <summary>An address no other test uses, already in normalised form.</summary>
    protected static string NewAddress() => $"user-{Guid.NewGuid():N}@example.test";

    protected IEmailAddressGrain Address(string address) => Grains.GetGrain<IEmailAddressGrain>(address);

    protected IUserGrain User(Guid userId) => Grains.GetGrain<IUserGrain>(userId);

    /// <summary>Registers and returns the verification mail it sent.</summary>
    protected async Task<OutgoingMail> Register(string address, string password = Password) => (await RegisterWithHandle(address, password)).Mail;

    /// <summary>Registers as a client that keeps its handle: the verification mail and the handle's hash.</summary>
    protected async Task<(OutgoingMail Mail, byte[] Handle)> RegisterWithHandle(string address, string password = Password, string network = GrainCallDefaults.Network)
    {
        var before = Mailbox.To(address).Count;
        var handle = GrainCallDefaults.NewHandleHash();
        Assert.Null(await Address(address).Register(password, "Ann", handle, network));
        var mails = Mailbox.To(address);
        Assert.Equal(before + 1, mails.Count);
        return (mails[^1], handle);
    }

    /// <summary>A verified password account, signed in once through its verification code by the client that registered.</summary>
    protected async Task<SignIn> RegisterVerified(string address, string password = Password)
    {
        var (mail, handle) = await RegisterWithHandle(address, password);
        var result = await Address(address).VerifyCode(CapturingMailer.CodeIn(mail), handle, GrainCallDefaults.Network);
        return Succeeded(result);
    }

    /// <summary>
    /// Asks for a code and waits for its mail: the address grain does not wait for the user grain
    /// to issue it (its next request must not wait longer when the address has an account).
    /// </summary>
    protected async Task<OutgoingMail> Mailed(string address, CodePurpose purpose, string network = GrainCallDefaults.Network)
    {
        var before = Mailbox.To(address).Count;
        await Address(address).SendCode(purpose, network);
        await Eventually.Async(() => Task.FromResult(Mailbox.To(address).Count > before), TimeSpan.FromSeconds(10), $"no mail to {address} after a {purpose} code was asked for");
        return Mailbox.LastTo(address);
    }

    /// <summary>A sign-in code mailed to <paramref name="address"/> a minute after the last mail (so the send interval allows it).</summary>
    protected async Task<string> FreshSignInCode(string address)
    {
        Advance(TimeSpan.FromSeconds(61));
        await Mailed(address, CodePurpose.SignIn);
        return CapturingMailer.CodeIn(Mailbox.LastTo(address));
    }

    protected static SignIn Succeeded(SignInOutcome result)
    {
        Assert.Equal(AuthFailure.None, result.Failure);
        Assert.NotNull(result.SignIn);
        return result.SignIn;
    }

    protected static UserToken TokenOf(SignIn signIn)
    {
        Assert.True(UserToken.TryParse(signIn.Token, out var token));
        return token;
    }

    /// <summary>A six-digit code that is certainly not <paramref name="code"/>.</summary>
    protected static string Other(string code) => ((int.Parse(code) + 1) % 1_000_000).ToString("D6");

    protected static void Advance(TimeSpan by) => Clock.Advance(by);
}
