using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Grains.Interfaces.Accounts;
using Platform.Grains.Mail;

namespace Platform.Grains.Accounts;

/// <summary>
/// One account. Until someone proves control of the address it holds registrations apart, none
/// of whose passwords is the account's; the proof (a code or link) verifies the address, and a
/// registration's password becomes the account's only when the proving request carries that
/// registration's handle. No password is hashed here (see <see cref="EmailAddressGrain"/>).
/// </summary>
public sealed class UserGrain(
    [PersistentState("user")] IPersistentState<UserState> state,
    IOptions<AuthRules> rules,
    SecretHasher secrets,
    AccountEmails emails,
    IMailer mailer,
    TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    private readonly AuthRules _rules = rules.Value;
    private UserState S => state.State;
    private Guid UserId => this.GetPrimaryKey();
    private DateTimeOffset Now => time.GetUtcNow();

    async Task<AuthRefusal?> IUserGrain.Register(string email, PendingRegistrationRequest request)
    {
        var now = Now;
        PruneRegistrations(now);
        // The address grain limits registrations per address; this only bounds the state should
        // its counts ever be lost (the oldest goes).
        while (S.Registrations.Count >= _rules.MaxPendingRegistrations) S.Registrations.RemoveAt(0);
        S.RegistrationSalt ??= request.Salt;
        if (S.EmailVerified)
        {
            // A stand-in: a login with this password answers "verify first", as it would for an
            // address without an account, so registering and then logging in tells nothing.
            S.Registrations.Add(new PendingRegistration { HandleHash = request.HandleHash, PasswordHash = request.PasswordHash, CreatedAt = now });
            await state.WriteStateAsync();
            logger.LogInformation("Registration for existing verified user {UserId}: account-exists notice sent", UserId);
            await Send(emails.AlreadyRegistered(S.Email!));
            return null;
        }
        if (S.Email is null)
        {
            S.Email = email;
            S.CreatedAt = now;
        }
        var (code, codeText) = PendingCode.Create(now + _rules.CodeLifetime, secrets);
        var (link, linkToken) = PendingLink.Create(UserId, now + _rules.VerificationLinkLifetime, secrets);
        S.Registrations.Add(new PendingRegistration
        {
            HandleHash = request.HandleHash,
            PasswordHash = request.PasswordHash,
            Name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim(),
            Code = code,
            Link = link,
            CreatedAt = now,
        });
        await state.WriteStateAsync();
        logger.LogInformation("Registration {Count} kept for unverified user {UserId}; verification email sent", S.Registrations.Count, UserId);
        await Send(emails.Verification(S.Email, codeText, linkToken, _rules.CodeLifetime));
        AccountMetrics.CodeSent(CodePurpose.VerifyEmail);
        return null;
    }

    Task<PasswordState> IUserGrain.GetPasswordState() =>
        Task.FromResult(new PasswordState(S.EmailVerified, S.EmailVerified ? S.PasswordHash : null, S.RegistrationSalt));

    async Task<SignInOutcome> IUserGrain.SignInWithPassword(string candidateHash)
    {
        var candidate = Encoding.UTF8.GetBytes(candidateHash);
        // Every comparison is made whatever the earlier ones found, so the time tells nothing.
        var isPassword = S.EmailVerified && S.PasswordHash is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(S.PasswordHash), candidate);
        var isRegistration = false;
        foreach (var registration in S.Registrations)
            isRegistration |= Now < registration.CreatedAt + _rules.VerificationLinkLifetime
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(registration.PasswordHash), candidate);
        if (isPassword) return SignInOutcome.Success(await StartSession());
        return SignInOutcome.Fail(isRegistration ? AuthFailure.EmailNotVerified : AuthFailure.InvalidCredentials);
    }

    async Task IUserGrain.ReplacePasswordHash(string oldHash, string newHash)
    {
        if (S.PasswordHash != oldHash) return;
        S.PasswordHash = newHash;
        await state.WriteStateAsync();
        logger.LogInformation("Rehashed the password of user {UserId} with current parameters", UserId);
    }

    async Task IUserGrain.SendCode(CodePurpose purpose)
    {
        if (S.Email is null) return;
        if (purpose == CodePurpose.ResetPassword)
        {
            // Only a verified account has a password to reset; anyone else gets nothing, and the
            // API answers alike.
            if (!S.EmailVerified) return;
            var (resetCode, resetCodeText) = PendingCode.Create(Now + _rules.CodeLifetime, secrets);
            var (resetLink, resetToken) = PendingLink.Create(UserId, Now + _rules.CodeLifetime, secrets);
            (S.ResetCode, S.ResetLink) = (resetCode, resetLink);
            await state.WriteStateAsync();
            logger.LogInformation("Issued a password-reset code and link to user {UserId}", UserId);
            await Send(emails.PasswordReset(S.Email, resetCodeText, resetToken, _rules.CodeLifetime));
            AccountMetrics.CodeSent(purpose);
            return;
        }
        // Any code proves control of the mailbox and nothing more: it never carries a password.
        var (pending, code) = PendingCode.Create(Now + _rules.CodeLifetime, secrets);
        S.Code = pending;
        await state.WriteStateAsync();
        logger.LogInformation("Issued a {Purpose} code to user {UserId}", purpose, UserId);
        await Send(emails.Code(S.Email, code, purpose, _rules.CodeLifetime));
        AccountMetrics.CodeSent(purpose);
    }

    async Task<SignInOutcome> IUserGrain.VerifyCode(string code, byte[]? handleHash)
    {
        var now = Now;
        var verdict = S.Code?.Judge(code, now, _rules.CodeLifetime, secrets) ?? AuthFailure.InvalidCode;
        // Only the latest registrations' codes sign in (their links all do): every live code is a
        // chance for a guess, so a burst of registrations must not multiply them. An older one,
        // right but pushed out, answers "expired": its holder uses the link or a newer code.
        var live = S.Registrations.Count - _rules.LiveRegistrationCodes;
        for (var i = 0; i < S.Registrations.Count; i++)
        {
            if (S.Registrations[i].Code is not { } pending) continue;
            var judged = pending.Judge(code, now, _rules.CodeLifetime, secrets);
            verdict = Better(verdict, i >= live || judged != AuthFailure.None ? judged : AuthFailure.CodeExpired);
        }
        if (verdict != AuthFailure.None) return SignInOutcome.Fail(verdict);
        return SignInOutcome.Success(await MarkVerifiedAndStartSession(handleHash));
    }

    async Task<SignInOutcome> IUserGrain.VerifyEmailLink(Guid linkId, byte[] secretHash, byte[]? handleHash)
    {
        if (ForgetIfMadeUp()) return SignInOutcome.Fail(AuthFailure.InvalidCode);
        var link = S.Registrations.Find(r => r.Link?.Matches(linkId, secretHash, secrets) == true)?.Link;
        if (link is null) return SignInOutcome.Fail(AuthFailure.InvalidCode);
        if (Now >= link.ExpiresAt) return SignInOutcome.Fail(AuthFailure.CodeExpired);
        return SignInOutcome.Success(await MarkVerifiedAndStartSession(handleHash));
    }

    Task<AuthFailure> IUserGrain.CheckReset(PasswordResetProof proof) => Task.FromResult(JudgeReset(proof));

    Task<string?> IUserGrain.EmailForResetLink(Guid linkId, byte[] secretHash)
    {
        if (ForgetIfMadeUp()) return Task.FromResult<string?>(null);
        var valid = S.ResetLink is { } link && link.Matches(linkId, secretHash, secrets) && Now < link.ExpiresAt;
        return Task.FromResult(valid ? S.Email : null);
    }

    async Task<SignInOutcome> IUserGrain.ResetPassword(PasswordResetProof proof, string newPasswordHash)
    {
        if (JudgeReset(proof) is not AuthFailure.None and var refusal) return SignInOutcome.Fail(refusal);
        S.PasswordHash = newPasswordHash;
        S.RegistrationSalt ??= PasswordHasher.SaltOf(newPasswordHash);
        (S.ResetCode, S.ResetLink, S.Code) = (null, null, null);
        var revoked = S.Sessions.Count;
        S.Sessions.Clear();
        logger.LogInformation("User {UserId} reset their password by {Proof}; {Revoked} sessions revoked", UserId, proof.IsLink ? "link" : "code", revoked);
        return SignInOutcome.Success(await StartSession());
    }

    async Task<AuthRefusal?> IUserGrain.ChangePassword(Guid keepSession, string? expectedHash, string newPasswordHash)
    {
        if (!S.EmailVerified || S.PasswordHash != expectedHash) return new AuthRefusal(AuthFailure.InvalidCredentials);
        // The session asking may have been revoked meanwhile (a reset elsewhere): then it changes nothing.
        if (!S.Sessions.Exists(s => s.Id == keepSession && s.ExpiresAt > Now)) return new AuthRefusal(AuthFailure.InvalidCredentials);
        S.PasswordHash = newPasswordHash;
        S.RegistrationSalt ??= PasswordHasher.SaltOf(newPasswordHash);
        (S.ResetCode, S.ResetLink) = (null, null);
        var revoked = S.Sessions.RemoveAll(s => s.Id != keepSession);
        await state.WriteStateAsync();
        logger.LogInformation("User {UserId} {Action} their password; {Revoked} other sessions revoked", UserId, expectedHash is null ? "set" : "changed", revoked);
        return null;
    }

    async Task<SignIn> IUserGrain.SignInExternal(string email, string? name, string? image)
    {
        if (S.Email is null)
        {
            S.Email = email;
            S.CreatedAt = Now;
        }
        S.Name ??= string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        S.Image ??= image;
        return await MarkVerifiedAndStartSession(handleHash: null);
    }

    async Task<AuthenticatedSession?> IUserGrain.Authenticate(Guid sessionId, byte[] secretHash)
    {
        if (ForgetIfMadeUp()) return null;
        var session = S.Sessions.Find(s => s.Id == sessionId);
        if (session is null || !CryptographicOperations.FixedTimeEquals(session.SecretHash, secretHash)) return null;
        var now = Now;
        if (now >= session.ExpiresAt) return null;
        var renew = now - session.RenewedAt > _rules.SessionRenewAfter;
        if (renew)
        {
            session.RenewedAt = now;
            session.ExpiresAt = Min(now + _rules.SessionLifetime, session.CreatedAt + _rules.SessionMaxLifetime);
        }
        var seen = now - session.LastUsedAt >= LastUsedPrecision;
        if (seen) session.LastUsedAt = now;
        if (renew || seen) await state.WriteStateAsync();
        return new AuthenticatedSession(Profile(), View(session), renew);
    }

    Task<IReadOnlyList<SessionView>> IUserGrain.ListSessions() =>
        Task.FromResult<IReadOnlyList<SessionView>>(S.Sessions.Where(s => s.ExpiresAt > Now).OrderByDescending(s => s.CreatedAt).Select(View).ToList());

    async Task<bool> IUserGrain.RevokeSession(Guid sessionId)
    {
        var removed = S.Sessions.RemoveAll(s => s.Id == sessionId) > 0;
        if (removed)
        {
            await state.WriteStateAsync();
            logger.LogInformation("Revoked session {SessionId} of user {UserId}", sessionId, UserId);
        }
        return removed;
    }

    async Task IUserGrain.RevokeAllSessions()
    {
        if (S.Sessions.Count == 0) return;
        S.Sessions.Clear();
        await state.WriteStateAsync();
        logger.LogInformation("Revoked every session of user {UserId}", UserId);
    }

    Task<UserView?> IUserGrain.GetProfile() => Task.FromResult(S.Email is null ? null : Profile());

    /// <summary>
    /// True for a user id nobody has (a made-up token): the activation is let go at once, so
    /// random tokens and links cost no lingering activation.
    /// </summary>
    private bool ForgetIfMadeUp()
    {
        if (state.RecordExists) return false;
        DeactivateOnIdle();
        return true;
    }

    private AuthFailure JudgeReset(PasswordResetProof proof)
    {
        if (!S.EmailVerified) return AuthFailure.InvalidCode;
        if (proof.IsLink)
        {
            if (S.ResetLink is not { } link || !link.Matches(proof.LinkId, proof.LinkSecretHash!, secrets)) return AuthFailure.InvalidCode;
            return Now < link.ExpiresAt ? AuthFailure.None : AuthFailure.CodeExpired;
        }
        return S.ResetCode?.Judge(proof.Code ?? "", Now, _rules.CodeLifetime, secrets) ?? AuthFailure.InvalidCode;
    }

    /// <summary>Of two verdicts on one guess, the one that tells more: valid, then expired, then wrong.</summary>
    private static AuthFailure Better(AuthFailure a, AuthFailure b) =>
        a == AuthFailure.None || b == AuthFailure.None ? AuthFailure.None
        : a == AuthFailure.CodeExpired || b == AuthFailure.CodeExpired ? AuthFailure.CodeExpired
        : AuthFailure.InvalidCode;

    private void PruneRegistrations(DateTimeOffset now) =>
        S.Registrations.RemoveAll(r => now >= r.CreatedAt + _rules.VerificationLinkLifetime);

    /// <summary>
    /// Proving control of the address makes the account verified. The password of a registration
    /// becomes the account's only when the proving request carries that registration's handle;
    /// otherwise the account has no password until its owner sets one (password/forgot, /change).
    /// </summary>
    private async Task<SignIn> MarkVerifiedAndStartSession(byte[]? handleHash)
    {
        if (!S.EmailVerified)
        {
            var chosen = handleHash is null ? null : S.Registrations.Find(r => CryptographicOperations.FixedTimeEquals(r.HandleHash, handleHash));
            S.PasswordHash = chosen?.PasswordHash;
            S.Name = chosen?.Name ?? S.Name;
            S.EmailVerified = true;
            // The registrations' codes and links end here; their password hashes stay their day as
            // stand-ins, so a login with one keeps answering "verify first" and polling it never
            // tells that the address was just verified.
            // The chosen one's password is now the account's, so it goes.
            if (chosen is not null) S.Registrations.Remove(chosen);
            foreach (var registration in S.Registrations) (registration.Code, registration.Link) = (null, null);
            logger.LogInformation("User {UserId} verified their email address {How}", UserId,
                chosen is null ? "without a registration's handle: no password set" : "with their registration's handle: its password kept");
        }
        S.Code = null;
        return await StartSession();
    }

    private async Task<SignIn> StartSession()
    {
        var now = Now;
        S.Sessions.RemoveAll(s => s.ExpiresAt <= now);
        while (S.Sessions.Count >= _rules.MaxSessionsPerUser)
            S.Sessions.Remove(S.Sessions.MinBy(s => s.RenewedAt)!);
        var token = UserToken.Create(UserId, Guid.NewGuid());
        var session = new SessionRecord
        {
            Id = token.Id,
            SecretHash = token.SecretHash,
            CreatedAt = now,
            RenewedAt = now,
            LastUsedAt = now,
            ExpiresAt = Min(now + _rules.SessionLifetime, now + _rules.SessionMaxLifetime),
            Device = RequestContext.Get(SessionDevice.ContextKey) is string { Length: > 0 } device ? device[..Math.Min(device.Length, SessionDevice.MaxLength)] : null,
        };
        S.Sessions.Add(session);
        await state.WriteStateAsync();
        logger.LogInformation("User {UserId} signed in with new session {SessionId}", UserId, session.Id);
        AccountMetrics.SessionIssued();
        return new SignIn(Profile(), View(session), token.ToString());
    }

    private async Task Send(OutgoingMail mail)
    {
        try
        {
            await mailer.SendAsync(mail);
        }
        catch (Exception ex)
        {
            // The account change stands; the person can ask for a new code once mail works again.
            logger.LogError(ex, "Could not queue \"{Subject}\" for user {UserId}", mail.Subject, UserId);
        }
    }

    private UserView Profile() => new(UserId, S.Email!, S.Name, S.EmailVerified, S.Image, S.CreatedAt);

    private static SessionView View(SessionRecord s) => new(s.Id, s.CreatedAt, s.ExpiresAt, s.Device, s.LastUsedAt > s.RenewedAt ? s.LastUsedAt : s.RenewedAt);

    /// <summary>How exact a session's "last used" is: storing it on every request would write the user's state on every request.</summary>
    public static readonly TimeSpan LastUsedPrecision = TimeSpan.FromHours(1);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
