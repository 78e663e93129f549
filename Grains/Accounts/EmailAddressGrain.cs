using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Grains.Interfaces.Accounts;

namespace Platform.Grains.Accounts;

/// <summary>
/// The per-address rules. Limits are kept for every address, with or without an account, so
/// that refusals never reveal whether an account exists; only owned addresses are persisted.
/// Every limit counts per client network under a per-address ceiling (<see cref="NetworkLimit"/>).
/// Passwords are hashed here, in the bounded <see cref="PasswordHashing"/> pool, so the user
/// grain that answers session checks never waits for a hash.
/// </summary>
public sealed class EmailAddressGrain(
    [PersistentState("email")] IPersistentState<EmailAddressState> state,
    IOptions<AuthRules> rules,
    PasswordHashing hashing,
    SecretHasher secrets,
    TimeProvider time,
    ILogger<EmailAddressGrain> logger) : Grain, IEmailAddressGrain
{
    private readonly AuthRules _rules = rules.Value;
    // Wrong codes are counted in memory, for addresses with and without an account alike: a wrong
    // guess costs no database write, so its timing tells nothing (see CountWrongCode).
    private readonly List<NetworkEvent> _codeFailures = [];
    private EmailAddressState S => state.State;
    private string Address => this.GetPrimaryKeyString();
    private DateTimeOffset Now => time.GetUtcNow();

    async Task<AuthRefusal?> IEmailAddressGrain.Register(string password, string? name, byte[] handleHash, string network)
    {
        network = secrets.Network(network);
        try
        {
            // Counted for every address alike, verified or not, before any work: a refusal tells nothing.
            var wait = _rules.Registrations.RetryAfter(S.Registrations, network, Now);
            if (wait <= TimeSpan.Zero && SendRetryAfter(network) is { } sendWait) wait = sendWait;
            if (wait > TimeSpan.Zero)
            {
                logger.LogInformation("Registration refused: the registration or send limit for this address is spent");
                return new AuthRefusal(AuthFailure.RateLimited, wait);
            }
            // Hashed for every registration alike, with the salt all of this user's pending
            // registrations share, so that a login checks them all with one hash. The owner is
            // claimed only after the hash: a busy pool leaves nothing behind. (Nothing else runs
            // in this grain meanwhile, so the candidate stays the owner to be.)
            var owner = S.Owner ?? Guid.NewGuid();
            var passwordHash = await hashing.Hash(PasswordPolicy.Canonical(password), PasswordHasher.RegistrationSalt(owner));
            owner = await ClaimOwner(owner);
            var refusal = await GrainFactory.GetGrain<IUserGrain>(owner).Register(Address, new PendingRegistrationRequest(handleHash, passwordHash, name));
            if (refusal is null)
            {
                _rules.Registrations.Record(S.Registrations, network, Now);
                await RecordSend(network);
            }
            return refusal;
        }
        catch (PasswordHashingBusyException busy)
        {
            return new AuthRefusal(AuthFailure.Unavailable, busy.RetryAfter);
        }
    }

    async Task<SignInOutcome> IEmailAddressGrain.Login(string password, string network)
    {
        network = secrets.Network(network);
        var now = Now;
        var wait = _rules.LoginFailures.RetryAfter(S.LoginFailures, network, now);
        if (wait > TimeSpan.Zero)
        {
            // Logged once, when the limit was reached; each refusal is counted by the API's metrics.
            logger.LogDebug("Login refused during a lockout of user {UserId}", S.Owner);
            return SignInOutcome.Fail(AuthFailure.RateLimited, wait);
        }

        SignInOutcome result;
        try
        {
            result = await CheckPassword(password);
        }
        catch (PasswordHashingBusyException busy)
        {
            return SignInOutcome.Fail(AuthFailure.Unavailable, busy.RetryAfter);
        }

        if (result.Failure == AuthFailure.InvalidCredentials)
        {
            _rules.LoginFailures.Record(S.LoginFailures, network, now);
            await SaveIfOwned();
            KeepCounts();
            if (S.Owner is { } user)
            {
                var fromNetwork = S.LoginFailures.Count(e => e.Network == network);
                if (fromNetwork == _rules.LoginFailureLimit || S.LoginFailures.Count == _rules.LoginFailureCeiling)
                    logger.LogWarning("User {UserId} locked out of password sign-in ({FromNetwork} failures from one network, {Total} in all, within {Window})", user, fromNetwork, S.LoginFailures.Count, _rules.LoginFailureWindow);
                else
                    logger.LogInformation("Wrong password for user {UserId} ({FromNetwork} of {Limit} from one network within {Window})", user, fromNetwork, _rules.LoginFailureLimit, _rules.LoginFailureWindow);
            }
        }
        else if (result.Failure == AuthFailure.None && S.LoginFailures.RemoveAll(e => e.Network == network) > 0)
        {
            await SaveIfOwned();
        }
        return result;
    }

    /// <summary>
    /// One call to the user grain (nobody's for an address without an account, which answers
    /// like an account with no registration), one slow hash, whatever the account's state.
    /// </summary>
    private async Task<SignInOutcome> CheckPassword(string password)
    {
        var canonical = PasswordPolicy.Canonical(password);
        var owner = S.Owner ?? secrets.Nobody(Address);
        var user = GrainFactory.GetGrain<IUserGrain>(owner);
        var current = await user.GetPasswordState();
        if (!current.EmailVerified)
        {
            // Right for one of the registrations kept apart: "verify first"; it never signs in.
            var candidate = await hashing.Hash(canonical, PasswordHasher.RegistrationSalt(owner));
            return SignInOutcome.Fail(await user.IsRegistrationPassword(candidate) ? AuthFailure.EmailNotVerified : AuthFailure.InvalidCredentials);
        }
        var check = await hashing.Verify(current.PasswordHash, canonical);
        if (check == PasswordCheck.Wrong) return SignInOutcome.Fail(AuthFailure.InvalidCredentials);
        // A password taken over from a registration still has the salt derived from the user id:
        // it gets a random one at its first sign-in.
        var rehash = check == PasswordCheck.RightButRehash || PasswordHasher.HasSalt(current.PasswordHash!, PasswordHasher.RegistrationSalt(owner));
        var rehashed = rehash ? await hashing.Hash(canonical) : null;
        return await user.SignInWithPassword(current.PasswordHash!, rehashed);
    }

    async Task IEmailAddressGrain.SendCode(CodePurpose purpose, string network)
    {
        network = secrets.Network(network);
        if (SendRetryAfter(network) is not null)
        {
            logger.LogInformation("Code not sent: the send limit for this address is spent");
            return;
        }
        await RecordSend(network);
        if (S.Owner is { } owner) await GrainFactory.GetGrain<IUserGrain>(owner).SendCode(purpose);
    }

    async Task<SignInOutcome> IEmailAddressGrain.VerifyCode(string code, byte[]? handleHash, string network)
    {
        network = secrets.Network(network);
        if (CodeRetryAfter(network) is { } refused) return refused;
        // Without an account the same call goes to a user nobody has, so both take one grain call.
        var result = await UserOrNobody.VerifyCode(code, handleHash);
        CountWrongCode(result.Failure, network);
        return result;
    }

    async Task<SignInOutcome> IEmailAddressGrain.ResetPassword(PasswordResetProof proof, string newPassword, string network)
    {
        network = secrets.Network(network);
        if (!proof.IsLink && CodeRetryAfter(network) is { } refused) return refused;
        if (proof.IsLink && proof.LinkUserId != S.Owner) return SignInOutcome.Fail(AuthFailure.InvalidCode);
        var user = UserOrNobody;
        var check = await user.CheckReset(proof);
        if (check != AuthFailure.None)
        {
            CountWrongCode(check, network, proof);
            return SignInOutcome.Fail(check);
        }
        try
        {
            // Hashed only once the proof holds: a wrong code costs no hash, with or without an account.
            var hash = await hashing.Hash(PasswordPolicy.Canonical(newPassword));
            var result = await user.ResetPassword(proof, hash);
            if (result.Failure == AuthFailure.None && S.LoginFailures.Count > 0)
            {
                S.LoginFailures.Clear();
                await SaveIfOwned();
            }
            return result;
        }
        catch (PasswordHashingBusyException busy)
        {
            return SignInOutcome.Fail(AuthFailure.Unavailable, busy.RetryAfter);
        }
    }

    async Task<AuthRefusal?> IEmailAddressGrain.ChangePassword(Guid userId, Guid sessionId, string? currentPassword, string newPassword, string network)
    {
        network = secrets.Network(network);
        if (S.Owner != userId) return new AuthRefusal(AuthFailure.InvalidCredentials);
        var now = Now;
        var user = GrainFactory.GetGrain<IUserGrain>(userId);
        try
        {
            var current = await user.GetPasswordState();
            if (current.PasswordHash is not null)
            {
                // The current password is guessed like a login's, so it is limited like one.
                var wait = _rules.LoginFailures.RetryAfter(S.LoginFailures, network, now);
                if (wait > TimeSpan.Zero) return new AuthRefusal(AuthFailure.RateLimited, wait);
                if (currentPassword is null || await hashing.Verify(current.PasswordHash, PasswordPolicy.Canonical(currentPassword)) == PasswordCheck.Wrong)
                {
                    _rules.LoginFailures.Record(S.LoginFailures, network, now);
                    await SaveIfOwned();
                    KeepCounts();
                    logger.LogInformation("Password change of user {UserId} refused: the current password is wrong", userId);
                    return new AuthRefusal(AuthFailure.InvalidCredentials);
                }
            }
            var hash = await hashing.Hash(PasswordPolicy.Canonical(newPassword));
            return await user.ChangePassword(sessionId, current.PasswordHash, hash);
        }
        catch (PasswordHashingBusyException busy)
        {
            return new AuthRefusal(AuthFailure.Unavailable, busy.RetryAfter);
        }
    }

    /// <summary>
    /// The owner's grain, or for an address without an account a user nobody has (one per
    /// address, <see cref="SecretHasher.Nobody"/>): its answers are those of an account without
    /// codes, and asking it costs what asking a real user costs — an activation that reads the
    /// database the first time, a call after that — so the time tells nothing.
    /// </summary>
    private IUserGrain UserOrNobody => GrainFactory.GetGrain<IUserGrain>(S.Owner ?? secrets.Nobody(Address));

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

    /// <summary>Null when this network may have one more mail sent to the address now.</summary>
    private TimeSpan? SendRetryAfter(string network)
    {
        var wait = _rules.CodeSends.RetryAfter(S.CodeSends, network, Now);
        return wait > TimeSpan.Zero ? wait : null;
    }

    private Task RecordSend(string network)
    {
        _rules.CodeSends.Record(S.CodeSends, network, Now);
        KeepCounts();
        return SaveIfOwned();
    }

    /// <summary>
    /// A refusal when this network used up its wrong codes (since a code was last sent on its
    /// request, or in the hour), or all networks together theirs.
    /// </summary>
    private SignInOutcome? CodeRetryAfter(string network)
    {
        var now = Now;
        var wait = _rules.CodeFailures.RetryAfter(_codeFailures, network, now);
        if (wait > TimeSpan.Zero) return SignInOutcome.Fail(AuthFailure.TooManyAttempts, wait);
        var lastSend = S.CodeSends.FindLast(e => e.Network == network).At;
        if (_codeFailures.Count(e => e.Network == network && e.At >= lastSend) >= _rules.CodeMaxAttempts)
            return SignInOutcome.Fail(AuthFailure.TooManyAttempts);
        return null;
    }

    /// <summary>Counts a wrong code alike for addresses with and without an account; a link's 256-bit secret needs no count.</summary>
    private void CountWrongCode(AuthFailure failure, string network, PasswordResetProof? proof = null)
    {
        if (failure != AuthFailure.InvalidCode || proof?.IsLink == true) return;
        _rules.CodeFailures.Record(_codeFailures, network, Now);
        KeepCounts();
    }

    /// <summary>
    /// Counts that live in memory (wrong codes; every count of an address without an account)
    /// must outlive idle collection, for every address alike: were an unknown address's counts
    /// forgotten sooner than an account's, waiting and trying again would tell them apart.
    /// </summary>
    private void KeepCounts() => DelayDeactivation(_rules.InMemoryCountLifetime);

    private Task SaveIfOwned() => S.Owner is null ? Task.CompletedTask : state.WriteStateAsync();
}
