using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Grains.Interfaces.Accounts;

namespace Platform.Grains.Accounts;

/// <summary>
/// The per-address rules. Limits are kept for every address, with or without an account, so
/// that refusals never reveal whether an account exists; only owned addresses are persisted.
/// </summary>
public sealed class EmailAddressGrain(
    [PersistentState("email")] IPersistentState<EmailAddressState> state,
    IOptions<AuthRules> rules,
    PasswordHasher passwords,
    TimeProvider time,
    ILogger<EmailAddressGrain> logger) : Grain, IEmailAddressGrain
{
    private readonly AuthRules _rules = rules.Value;
    private EmailAddressState S => state.State;
    private string Address => this.GetPrimaryKeyString();
    private DateTimeOffset Now => time.GetUtcNow();

    async Task IEmailAddressGrain.Register(string password, string? name)
    {
        // Hashed here, for every registration alike: the time taken tells nothing, and the
        // slow work stays out of the user grain that answers every session check.
        var passwordHash = passwords.Hash(PasswordPolicy.Canonical(password));
        var owner = await ClaimOwner(Guid.NewGuid());
        var mayEmail = TryRecordCodeSend();
        await SaveIfOwned();
        await GrainFactory.GetGrain<IUserGrain>(owner).Register(Address, passwordHash, name, mayEmail);
    }

    async Task<SignInOutcome> IEmailAddressGrain.Login(string password)
    {
        var now = Now;
        S.LoginFailures.RemoveAll(t => now - t >= _rules.LoginFailureWindow);
        if (S.LoginFailures.Count >= _rules.LoginFailureLimit)
        {
            var retryAfter = S.LoginFailures.Min() + _rules.LoginFailureWindow - now;
            // Logged once, when the limit was reached; each refusal is counted by the API's metrics.
            logger.LogDebug("Login refused during a lockout of user {UserId}", S.Owner);
            return SignInOutcome.Fail(AuthFailure.RateLimited, retryAfter);
        }

        SignInOutcome result;
        if (S.Owner is { } owner)
        {
            result = await GrainFactory.GetGrain<IUserGrain>(owner).CheckPassword(password);
        }
        else
        {
            passwords.SpendEquivalentTime(password);
            result = SignInOutcome.Fail(AuthFailure.InvalidCredentials);
        }

        if (result.Failure == AuthFailure.InvalidCredentials)
        {
            S.LoginFailures.Add(now);
            await SaveIfOwned();
            if (S.Owner is { } user)
            {
                if (S.LoginFailures.Count == _rules.LoginFailureLimit)
                    logger.LogWarning("User {UserId} locked out of password sign-in for {Window} after {Failures} failed logins", user, _rules.LoginFailureWindow, S.LoginFailures.Count);
                else
                    logger.LogInformation("Wrong password for user {UserId} ({Failures} of {Limit} within {Window})", user, S.LoginFailures.Count, _rules.LoginFailureLimit, _rules.LoginFailureWindow);
            }
        }
        else if (result.Failure == AuthFailure.None && S.LoginFailures.Count > 0)
        {
            S.LoginFailures.Clear();
            await SaveIfOwned();
        }
        return result;
    }

    async Task IEmailAddressGrain.SendCode(CodePurpose purpose)
    {
        if (!TryRecordCodeSend())
        {
            logger.LogInformation("Code not sent: the send limit for this address is spent");
            return;
        }
        await SaveIfOwned();
        if (S.Owner is { } owner)
        {
            await GrainFactory.GetGrain<IUserGrain>(owner).SendCode(purpose);
            return;
        }
        // No account: a decoy that expires and counts wrong tries like a real code, kept in
        // memory (and the activation kept alive) for as long as a real code would answer.
        _decoy = new Decoy(Now + _rules.CodeLifetime);
        DelayDeactivation(_rules.CodeLifetime * 2);
    }

    Task<SignInOutcome> IEmailAddressGrain.VerifyCode(string code)
    {
        if (S.Owner is { } owner) return GrainFactory.GetGrain<IUserGrain>(owner).VerifyCode(code);
        if (_decoy is null) return Task.FromResult(SignInOutcome.Fail(AuthFailure.InvalidCode));
        var refusal = CodeRules.Check(_decoy.FailedAttempts, _decoy.ExpiresAt, Now, _rules);
        if (refusal == AuthFailure.None)
        {
            _decoy.FailedAttempts++;
            refusal = AuthFailure.InvalidCode;
        }
        return Task.FromResult(SignInOutcome.Fail(refusal));
    }

    private sealed class Decoy(DateTimeOffset expiresAt)
    {
        public DateTimeOffset ExpiresAt { get; } = expiresAt;
        public int FailedAttempts { get; set; }
    }

    private Decoy? _decoy;

    Task<Guid?> IEmailAddressGrain.GetOwner() => Task.FromResult(S.Owner);

    Task<Guid> IEmailAddressGrain.Claim(Guid candidate) => ClaimOwner(candidate);

    private async Task<Guid> ClaimOwner(Guid candidate)
    {
        if (S.Owner is { } owner) return owner;
        S.Owner = candidate;
        await state.WriteStateAsync();
        logger.LogInformation("Address claimed by new user {UserId}", candidate);
        return candidate;
    }

    /// <summary>At most one send per interval and a few per hour, whether or not an account exists.</summary>
    private bool TryRecordCodeSend()
    {
        var now = Now;
        S.CodeSends.RemoveAll(t => now - t >= TimeSpan.FromHours(1));
        if (S.CodeSends.Count >= _rules.CodeSendsPerHour) return false;
        if (S.CodeSends.Count > 0 && now - S.CodeSends.Max() < _rules.CodeSendInterval) return false;
        S.CodeSends.Add(now);
        return true;
    }

    private Task SaveIfOwned() => S.Owner is null ? Task.CompletedTask : state.WriteStateAsync();
}
