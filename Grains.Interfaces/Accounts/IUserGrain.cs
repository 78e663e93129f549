namespace Platform.Grains.Interfaces.Accounts;

/// <summary>A user account (key: user id): profile, password, one-time codes and sessions.</summary>
[Alias("IUserGrain")]
public interface IUserGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Creates the account, or refreshes an unverified one, with a password already hashed by
    /// the caller. <paramref name="mayEmail"/> is false when the address's send limit is spent:
    /// then nothing changes, since a registration whose code cannot be mailed cannot complete.
    /// </summary>
    [Alias("Register")] Task Register(string email, string passwordHash, string? name, bool mayEmail);

    [Alias("CheckPassword")] Task<SignInOutcome> CheckPassword(string password);

    [Alias("SendCode")] Task SendCode(CodePurpose purpose);

    [Alias("VerifyCode")] Task<SignInOutcome> VerifyCode(string code);

    /// <summary>Verifies the address through the single-use secret from the email link.</summary>
    [Alias("VerifyEmailLink")] Task<SignInOutcome> VerifyEmailLink(Guid linkId, byte[] secretHash);

    /// <summary>Signs in through an external provider that vouched for the address.</summary>
    [Alias("SignInExternal")] Task<SignIn> SignInExternal(string email, string? name, string? image);

    [Alias("Authenticate")] Task<AuthenticatedSession?> Authenticate(Guid sessionId, byte[] secretHash);

    [Alias("ListSessions")] Task<IReadOnlyList<SessionView>> ListSessions();

    [Alias("RevokeSession")] Task<bool> RevokeSession(Guid sessionId);

    [Alias("RevokeAllSessions")] Task RevokeAllSessions();

    [Alias("GetProfile")] Task<UserView?> GetProfile();
}
