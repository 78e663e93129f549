namespace Platform.Grains.Interfaces.Accounts;

/// <summary>
/// One email address (key: the normalised address). It knows which user owns it, making
/// "one account per address" true under races, and holds the per-address limits — login
/// failures, wrong codes and code sends, each counted per client network under a higher
/// per-address ceiling — so that they behave the same whether or not an account exists.
/// Passwords are hashed here, in the silo's bounded hashing pool, never in the user grain.
/// </summary>
/// <remarks><c>network</c> names the caller's client network (the API's <c>ClientNetwork</c>: an IPv4 /24 or IPv6 /48); the grain keeps only a keyed hash of it.</remarks>
[Alias("IEmailAddressGrain")]
public interface IEmailAddressGrain : IGrainWithStringKey
{
    /// <summary>
    /// Keeps a registration apart under <paramref name="handleHash"/> (the SHA-256 of the handle
    /// the client was given) and mails its code, or tells a verified account it exists. Null when
    /// accepted; a refusal (registration or send limit, hashing busy) otherwise, alike for every
    /// address.
    /// </summary>
    [Alias("Register")] Task<AuthRefusal?> Register(string password, string? name, byte[] handleHash, string network);

    [Alias("Login")] Task<SignInOutcome> Login(string password, string network);

    /// <summary>
    /// Sends a code (sign-in, verification or password reset) when the address has a fitting
    /// account and the send limits allow; returns before the code is issued.
    /// </summary>
    [Alias("SendCode")] Task SendCode(CodePurpose purpose, string network);

    /// <summary>
    /// Checks a one-time or registration code; a valid one signs in and marks the address
    /// verified. The account takes a registration's password only when
    /// <paramref name="handleHash"/> names that registration.
    /// </summary>
    [Alias("VerifyCode")] Task<SignInOutcome> VerifyCode(string code, byte[]? handleHash, string network);

    /// <summary>Sets a new password with a reset code or link, signs in and revokes every other session.</summary>
    [Alias("ResetPassword")] Task<SignInOutcome> ResetPassword(PasswordResetProof proof, string newPassword, string network);

    /// <summary>
    /// Changes the password of the signed-in <paramref name="userId"/>, keeping
    /// <paramref name="sessionId"/> and revoking every other session. Null when changed.
    /// </summary>
    [Alias("ChangePassword")] Task<AuthRefusal?> ChangePassword(Guid userId, Guid sessionId, string? currentPassword, string newPassword, string network);

    [Alias("GetOwner")] Task<Guid?> GetOwner();

    /// <summary>Returns the owner, making <paramref name="candidate"/> the owner when there is none yet.</summary>
    [Alias("Claim")] Task<Guid> Claim(Guid candidate);
}
