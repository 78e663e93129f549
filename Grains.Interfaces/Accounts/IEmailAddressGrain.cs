namespace Platform.Grains.Interfaces.Accounts;

/// <summary>
/// One email address (key: the normalised address). It knows which user owns it, making
/// "one account per address" true under races, and holds the per-address limits — login
/// failures and code sends — so that they behave the same whether or not an account exists.
/// </summary>
[Alias("IEmailAddressGrain")]
public interface IEmailAddressGrain : IGrainWithStringKey
{
    /// <summary>Creates or refreshes a password account; never reveals whether one existed.</summary>
    [Alias("Register")] Task Register(string password, string? name);

    [Alias("Login")] Task<SignInOutcome> Login(string password);

    /// <summary>Sends a one-time code when the address has an account and the send limits allow.</summary>
    [Alias("SendCode")] Task SendCode(CodePurpose purpose);

    /// <summary>Checks a one-time code; a valid one signs in and marks the address verified.</summary>
    [Alias("VerifyCode")] Task<SignInOutcome> VerifyCode(string code);

    [Alias("GetOwner")] Task<Guid?> GetOwner();

    /// <summary>Returns the owner, making <paramref name="candidate"/> the owner when there is none yet.</summary>
    [Alias("Claim")] Task<Guid> Claim(Guid candidate);
}
