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
    /// link) and mails its code; tells a verified account it already exists. Null when done;
    /// rate-limited when the pending registrations are full.
    /// </summary>
    [Alias("Register")] Task<AuthRefusal?> Register(string email, PendingRegistrationRequest registration);

    [Alias("GetPasswordState")] Task<PasswordState> GetPasswordState();

    /// <summary>Signs in with a password the caller checked against <paramref name="checkedHash"/>; refused if the password changed meanwhile.</summary>
    [Alias("SignInWithPassword")] Task<SignInOutcome> SignInWithPassword(string checkedHash, string? rehashed);

    /// <summary>Whether a pending registration's password hash equals <paramref name="candidateHash"/> (hashed with the registrations' salt).</summary>
    [Alias("IsRegistrationPassword")] Task<bool> IsRegistrationPassword(string candidateHash);

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
