namespace Platform.Grains.Interfaces.Accounts;

/// <summary>
/// A user account (key: user id): profile, password hash, pending registrations, one-time codes
/// and sessions. It never hashes a password itself, so session checks never wait behind one.
/// </summary>
[Alias("IUserGrain")]
public interface IUserGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Keeps a registration of an unverified address apart (its own password hash, code and
    /// link) and mails its code; tells a verified account it already exists, keeping the
    /// registration's password hash for a day as a stand-in (a login with it answers as for an
    /// unverified address, so register-then-login tells nothing). Null when done.
    /// </summary>
    [Alias("Register")] Task<AuthRefusal?> Register(string email, PendingRegistrationRequest registration);

    [Alias("GetPasswordState")] Task<PasswordState> GetPasswordState();

    /// <summary>
    /// Signs in when <paramref name="candidateHash"/> (the login's password hashed like the
    /// account's, or with the registration salt) is the account's password; EmailNotVerified when
    /// it is a registration's; InvalidCredentials otherwise.
    /// </summary>
    [Alias("SignInWithPassword")] Task<SignInOutcome> SignInWithPassword(string candidateHash);

    /// <summary>Replaces the password hash with one of current parameters, if it still is <paramref name="oldHash"/>.</summary>
    [Alias("ReplacePasswordHash")] Task ReplacePasswordHash(string oldHash, string newHash);

    [Alias("SendCode")] Task SendCode(CodePurpose purpose);

    [Alias("VerifyCode")] Task<SignInOutcome> VerifyCode(string code, byte[]? handleHash);

    /// <summary>Verifies the address through the single-use secret from the email link.</summary>
    [Alias("VerifyEmailLink")] Task<SignInOutcome> VerifyEmailLink(Guid linkId, byte[] secretHash, byte[]? handleHash);

    /// <summary>None when the proof would reset the password now; nothing is used up.</summary>
    [Alias("CheckReset")] Task<AuthFailure> CheckReset(PasswordResetProof proof);

    /// <summary>The address a valid reset link belongs to, or null.</summary>
    [Alias("EmailForResetLink")] Task<string?> EmailForResetLink(Guid linkId, byte[] secretHash);

    [Alias("ResetPassword")] Task<SignInOutcome> ResetPassword(PasswordResetProof proof, string newPasswordHash);

    /// <summary>Replaces the password if it still is <paramref name="expectedHash"/>; every session but <paramref name="keepSession"/> is revoked.</summary>
    [Alias("ChangePassword")] Task<AuthRefusal?> ChangePassword(Guid keepSession, string? expectedHash, string newPasswordHash);

    /// <summary>Signs in through an external provider that vouched for the address.</summary>
    [Alias("SignInExternal")] Task<SignIn> SignInExternal(string email, string? name, string? image);

    [Alias("Authenticate")] Task<AuthenticatedSession?> Authenticate(Guid sessionId, byte[] secretHash);

    [Alias("ListSessions")] Task<IReadOnlyList<SessionView>> ListSessions();

    [Alias("RevokeSession")] Task<bool> RevokeSession(Guid sessionId);

    [Alias("RevokeAllSessions")] Task RevokeAllSessions();

    [Alias("GetProfile")] Task<UserView?> GetProfile();
}
