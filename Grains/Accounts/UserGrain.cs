using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Grains.Interfaces.Accounts;
using Platform.Grains.Mail;

namespace Platform.Grains.Accounts;

public sealed class UserGrain(
    [PersistentState("user")] IPersistentState<UserState> state,
    IOptions<AuthRules> rules,
    PasswordHasher passwords,
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

    async Task IUserGrain.Register(string email, string passwordHash, string? name, bool mayEmail)
    {
        if (S.EmailVerified)
        {
            logger.LogInformation("Registration for existing verified user {UserId}: account-exists notice {Sent}", UserId, mayEmail ? "sent" : "withheld by the send limit");
            if (mayEmail) await Send(emails.AlreadyRegistered(S.Email!));
            return;
        }
        if (!mayEmail)
        {
            logger.LogInformation("Registration for unverified user {UserId} ignored: the send limit withholds its code", UserId);
            return;
        }
        if (S.Email is null)
        {
            S.Email = email;
            S.CreatedAt = Now;
        }
        // Nobody has proved control of the address yet: the latest registration wins, and its
        // code and link replace those of earlier ones. Each vouches only for its own password.
        S.PasswordHash = passwordHash;
        S.Name = string.IsNullOrWhiteSpace(name) ? S.Name : name.Trim();
        var (code, linkToken) = IssueCodeAndLink(passwordHash);
        await state.WriteStateAsync();
        logger.LogInformation("Registered unverified user {UserId}; verification email sent", UserId);
        await Send(emails.Verification(S.Email, code, linkToken, _rules.CodeLifetime));
        AccountMetrics.CodeSent(CodePurpose.VerifyEmail);
    }

    async Task<SignInOutcome> IUserGrain.CheckPassword(string password)
    {
        var check = passwords.Verify(S.PasswordHash, PasswordPolicy.Canonical(password));
        if (check == PasswordCheck.Wrong) return SignInOutcome.Fail(AuthFailure.InvalidCredentials);
        if (!S.EmailVerified) return SignInOutcome.Fail(AuthFailure.EmailNotVerified);
        if (check == PasswordCheck.RightButRehash)
        {
            S.PasswordHash = passwords.Hash(PasswordPolicy.Canonical(password));
            logger.LogInformation("Rehashed the password of user {UserId} with current parameters", UserId);
        }
        return SignInOutcome.Success(await StartSession());
    }

    async Task IUserGrain.SendCode(CodePurpose purpose)
    {
        if (S.Email is null) return;
        // A verification code asked for an unverified account vouches for its current password;
        // a sign-in code does not (it may reach an address someone else registered).
        var vouchesFor = purpose == CodePurpose.VerifyEmail && !S.EmailVerified ? S.PasswordHash : null;
        var (pending, code) = PendingCode.Create(Now + _rules.CodeLifetime, vouchesFor, secrets);
        S.Code = pending;
        await state.WriteStateAsync();
        logger.LogInformation("Issued a {Purpose} code to user {UserId}", purpose, UserId);
        await Send(emails.Code(S.Email, code, purpose, _rules.CodeLifetime));
        AccountMetrics.CodeSent(purpose);
    }

    async Task<SignInOutcome> IUserGrain.VerifyCode(string code)
    {
        var pending = S.Code;
        if (pending is null) return SignInOutcome.Fail(AuthFailure.InvalidCode);
        if (CodeRules.Check(pending.FailedAttempts, pending.ExpiresAt, Now, _rules) is not AuthFailure.None and var refusal)
            return SignInOutcome.Fail(refusal);
        if (!pending.Matches(code, secrets))
        {
            pending.FailedAttempts++;
            await state.WriteStateAsync();
            logger.LogInformation("Wrong code for user {UserId} ({Attempts} of {Max})", UserId, pending.FailedAttempts, _rules.CodeMaxAttempts);
            return SignInOutcome.Fail(AuthFailure.InvalidCode);
        }
        S.Code = null;
        return SignInOutcome.Success(await MarkVerifiedAndStartSession(pending.PasswordHash));
    }

    async Task<SignInOutcome> IUserGrain.VerifyEmailLink(Guid linkId, byte[] secretHash)
    {
        var link = S.VerificationLink;
        if (link is null || link.Id != linkId || !CryptographicOperations.FixedTimeEquals(link.SecretHash, secrets.Link(secretHash)))
            return SignInOutcome.Fail(AuthFailure.InvalidCode);
        if (Now >= link.ExpiresAt) return SignInOutcome.Fail(AuthFailure.CodeExpired);
        return SignInOutcome.Success(await MarkVerifiedAndStartSession(link.PasswordHash));
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
        return await MarkVerifiedAndStartSession(vouchedPassword: null);
    }

    async Task<AuthenticatedSession?> IUserGrain.Authenticate(Guid sessionId, byte[] secretHash)
    {
        if (!state.RecordExists)
        {
            // A made-up user id: leave nothing behind, so random tokens cost no lingering activation.
            DeactivateOnIdle();
            return null;
        }
        var session = S.Sessions.Find(s => s.Id == sessionId);
        if (session is null || !CryptographicOperations.FixedTimeEquals(session.SecretHash, secretHash)) return null;
        var now = Now;
        if (now >= session.ExpiresAt) return null;
        var renew = now - session.RenewedAt > _rules.SessionRenewAfter;
        if (renew)
        {
            session.RenewedAt = now;
            session.ExpiresAt = Min(now + _rules.SessionLifetime, session.CreatedAt + _rules.SessionMaxLifetime);
            await state.WriteStateAsync();
        }
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

    private (string Code, string LinkToken) IssueCodeAndLink(string passwordHash)
    {
        var (pending, code) = PendingCode.Create(Now + _rules.CodeLifetime, passwordHash, secrets);
        S.Code = pending;
        var link = UserToken.Create(UserId, Guid.NewGuid());
        S.VerificationLink = new PendingLink { Id = link.Id, SecretHash = secrets.Link(link.SecretHash), ExpiresAt = Now + _rules.VerificationLinkLifetime, PasswordHash = passwordHash };
        return (code, link.ToString());
    }

    /// <summary>
    /// Proving control of the address makes the account verified. Of an unverified account's
    /// password only what the proof vouches for survives: an address pre-registered by someone
    /// else must not keep their password once its owner signs in.
    /// </summary>
    private async Task<SignIn> MarkVerifiedAndStartSession(string? vouchedPassword)
    {
        if (!S.EmailVerified)
        {
            if (S.PasswordHash is not null && S.PasswordHash != vouchedPassword)
                logger.LogInformation("User {UserId} verified without the registration's own code; its password was dropped", UserId);
            S.PasswordHash = S.PasswordHash == vouchedPassword ? vouchedPassword : null;
            logger.LogInformation("User {UserId} verified their email address", UserId);
        }
        S.EmailVerified = true;
        S.VerificationLink = null;
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
            ExpiresAt = Min(now + _rules.SessionLifetime, now + _rules.SessionMaxLifetime),
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

    private static SessionView View(SessionRecord s) => new(s.Id, s.CreatedAt, s.ExpiresAt);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
