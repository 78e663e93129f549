using System.Security.Cryptography;
using Platform.Grains.Interfaces.Accounts;

namespace Platform.Grains.Tests.Cluster;

/// <summary>
/// The account grain calls as most tests make them: from one client network, without a
/// registration handle. Tests about networks and handles pass them explicitly.
/// </summary>
public static class GrainCallDefaults
{
    public const string Network = "test-network";

    public static Task<SignInOutcome> Login(this IEmailAddressGrain grain, string password) => grain.Login(password, Network);

    public static Task SendCode(this IEmailAddressGrain grain, CodePurpose purpose) => grain.SendCode(purpose, Network);

    public static Task<SignInOutcome> VerifyCode(this IEmailAddressGrain grain, string code) => grain.VerifyCode(code, null, Network);

    /// <summary>A registration whose handle the test throws away (someone else's, as far as the test is concerned).</summary>
    public static Task<AuthRefusal?> Register(this IEmailAddressGrain grain, string password, string? name) =>
        grain.Register(password, name, NewHandleHash(), Network);

    public static Task<SignInOutcome> VerifyEmailLink(this IUserGrain grain, Guid linkId, byte[] secretHash) => grain.VerifyEmailLink(linkId, secretHash, null);

    public static byte[] NewHandleHash() => SHA256.HashData(RandomNumberGenerator.GetBytes(32));
}
