using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Grains.Interfaces.Accounts;

namespace Platform.Grains.Accounts;

/// <summary>
/// The per-address rules, alike for addresses with and without an account, so that no answer
/// (status, body, time, a limit reached) tells whether an account exists.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Every limit counts per client network (an HMAC of its /24 or /48) under a higher
/// per-address ceiling (<see cref="NetworkLimit"/>); networks the owner signed in from lately
/// are not held by the ceilings.</item>
/// <item>Failure and send counts live in memory for every address alike, the activation kept
/// for their longest window; only the owner, registrations and trusted networks are stored.</item>
/// <item>Passwords are hashed here, in the bounded <see cref="PasswordHashing"/> pool, so the
/// user grain that answers session checks never waits for a hash. An address without an account
/// asks a user grain nobody has (<see cref="SecretHasher.Nobody"/>) what it would ask an owner's.</item>
/// </list>
/// </remarks>
public sealed class EmailAddressGrain(
    [PersistentState("email")] IPersistentState<EmailAddressState> state,
    IOptions<AuthRules> rules,
    PasswordHashing hashing,
    SecretHasher secrets,
    PinnedAddresses pinned,
    TimeProvider time,
    ILogger<EmailAddressGrain> logger) : Grain, IEmailAddressGrain
{
    private static readonly TimeSpan TrustedNetworkLifetime = TimeSpan.FromDays(30);
    private const int TrustedNetworksKept = 10;

    private readonly AuthRules _rules = rules.Value;
    private readonly List<NetworkEvent> _loginFailures = [];
    private readonly List<NetworkEvent> _codeSends = [];
    private readonly List<NetworkEvent> _codeFailures = [];
    private EmailAddressState S => state.State;
    private string Address => this.GetPrimaryKeyString();
    private DateTimeOffset Now => time.GetUtcNow();

    async Task<AuthRefusal?> IEmailAddressGrain.Register(string password, string? name, byte[] handleHash, string network)
    {
        network = secrets.Network(network);
        var wait = _rules.Registrations.RetryAfter(S.Registrations, network, Now, IsTrusted(network));
        if (wait <= TimeSpan.Zero) wait = SendRetryAfter(network);
        if (wait > TimeSpan.Zero)
        {
            logger.LogInformation("Registration refused: the registration or send limit for this address is spent");
            return new AuthRefusal(AuthFailure.RateLimited, wait);
        }
        try
        {
            // Hashed for every registration alike: like the verified account's password when
            // there is one (a stand-in then compares with one hash), else with the salt all of the
            // user's registrations share (one hash checks them all). The owner is claimed only
            // after the hash, so a busy pool leaves nothing behind; nothing else runs in this
            // grain meanwhile, so the candidate stays the owner to be.
            var owner = S.Owner ?? Guid.NewGuid();
            var user = GrainFactory.GetGrain<IUserGrain>(owner);
            var current = await user.GetPasswordState();
            var salt = current.RegistrationSalt ?? PasswordHasher.NewSalt();
            var passwordHash = await hashing.HashLike(PasswordPolicy.Canonical(password), current.PasswordHash, salt);
            // One write on every path, new owner or not, so its time tells nothing.
            if (S.Owner is null) logger.LogInformation("Address claimed by new user {UserId}", owner);
            S.Owner = owner;
            _rules.Registrations.Record(S.Registrations, network, Now);
            RecordSend(network);
            await state.WriteStateAsync();
            return await user.Register(Address, new PendingRegistrationRequest(handleHash, passwordHash, name, salt));
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
        var wait = _rules.LoginFailures.RetryAfter(_loginFailures, network, now, IsTrusted(network));
        if (wait > TimeSpan.Zero)
        {
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

        // A registration's password ("verify first") is counted like a wrong one: either costs a
        // hash, and an attacker knows the password of their own registration.
        if (result.Failure is AuthFailure.InvalidCredentials or AuthFailure.EmailNotVerified)
        {
            _rules.LoginFailures.Record(_loginFailures, network, now);
            KeepCounts();
            if (S.Owner is { } user)
            {
                var fromNetwork = _loginFailures.Count(e => e.Network == network);
                if (fromNetwork == _rules.LoginFailureLimit || _loginFailures.Count == _rules.LoginFailureCeiling)
                    logger.LogWarning("User {UserId} locked out of password sign-in ({FromNetwork} failures from one network, {Total} in all, within {Window})", user, fromNetwork, _loginFailures.Count, _rules.LoginFailureWindow);
                else
                    logger.LogInformation("Wrong password for user {UserId} ({FromNetwork} of {Limit} from one network within {Window})", user, fromNetwork, _rules.LoginFailureLimit, _rules.LoginFailureWindow);
            }
        }
        else if (result.Failure == AuthFailure.None)
        {
            _loginFailures.RemoveAll(e => e.Network == network);
            await Trust(network);
        }
        return result;
    }

    /// <summary>
    /// The same steps whatever the account's state: one call for what to hash like, one slow
    /// hash, one call that compares it with the password and the registrations.
    /// </summary>
    private async Task<SignInOutcome> CheckPassword(string password)
    {
        var canonical = PasswordPolicy.Canonical(password);
        var user = UserOrNobody;
        var current = await user.GetPasswordState();
        var candidate = await hashing.HashLike(canonical, current.PasswordHash, current.RegistrationSalt ?? PasswordHasher.NewSalt());
        var result = await user.SignInWithPassword(candidate);
        if (result.Failure == AuthFailure.None && current.PasswordHash is { } old && hashing.NeedsRehash(old))
        {
            try
            {
                await user.ReplacePasswordHash(old, await hashing.Hash(canonical, current.RegistrationSalt));
            }
            catch (PasswordHashingBusyException)
            {
                // The sign-in stands; the next one rehashes.
            }
        }
        return result;
    }

    Task IEmailAddressGrain.SendCode(CodePurpose purpose, string network)
    {
        network = secrets.Network(network);
        if (SendRetryAfter(network) > TimeSpan.Zero)
        {
            logger.LogInformation("Code not sent: the send limit for this address is spent");
            return Task.CompletedTask;
        }
        RecordSend(network);
        // Not awaited, and asked of nobody's grain too: this grain's next request must not wait
        // longer when the address has an account (issuing and storing a code takes time).
        UserOrNobody.SendCode(purpose).Ignore();
        return Task.CompletedTask;
    }

    async Task<SignInOutcome> IEmailAddressGrain.VerifyCode(string code, byte[]? handleHash, string network)
    {
        network = secrets.Network(network);
        if (CodeRetryAfter(network) is { } refused) return refused;
        var result = await UserOrNobody.VerifyCode(code, handleHash);
        CountWrongCode(result.Failure, network);
        if (result.Failure == AuthFailure.None) await Trust(network);
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
            // Hashed only once the proof holds: a wrong code costs no hash, with or without an
            // account. With the user's salt, so the stand-ins of registrations stay comparable.
            var current = await user.GetPasswordState();
            var hash = await hashing.Hash(PasswordPolicy.Canonical(newPassword), current.RegistrationSalt);
            var result = await user.ResetPassword(proof, hash);
            if (result.Failure == AuthFailure.None)
            {
                _loginFailures.Clear();
                await Trust(network, onlyThis: true);
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
                var wait = _rules.LoginFailures.RetryAfter(_loginFailures, network, now, IsTrusted(network));
                if (wait > TimeSpan.Zero) return new AuthRefusal(AuthFailure.RateLimited, wait);
                if (currentPassword is null || await hashing.Verify(current.PasswordHash, PasswordPolicy.Canonical(currentPassword)) == PasswordCheck.Wrong)
                {
                    _rules.LoginFailures.Record(_loginFailures, network, now);
                    KeepCounts();
                    logger.LogInformation("Password change of user {UserId} refused: the current password is wrong", userId);
                    return new AuthRefusal(AuthFailure.InvalidCredentials);
                }
            }
            var hash = await hashing.Hash(PasswordPolicy.Canonical(newPassword), current.RegistrationSalt);
            var refusal = await user.ChangePassword(sessionId, current.PasswordHash, hash);
            if (refusal is null) await Trust(network, onlyThis: true);
            return refusal;
        }
        catch (PasswordHashingBusyException busy)
        {
            return new AuthRefusal(AuthFailure.Unavailable, busy.RetryAfter);
        }
    }

    /// <summary>
    /// The owner's grain, or for an address without an account a user nobody has (one per
    /// address, <see cref="SecretHasher.Nobody"/>): its answers are those of an account without
    /// password, registrations or codes, and asking it costs what asking a real user costs — an
    /// activation that reads the database the first time, a call after that.
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

    private bool IsTrusted(string network) => S.TrustedNetworks.Exists(e => e.Network == network && Now - e.At < TrustedNetworkLifetime);

    /// <summary>
    /// A network someone signed in from with this address's secret (password, code, reset link):
    /// the ceilings no longer hold it. <paramref name="onlyThis"/> after a new password: the
    /// networks trusted for the old one are not any more.
    /// </summary>
    private async Task Trust(string network, bool onlyThis = false)
    {
        if (S.Owner is null) return;
        var now = Now;
        if (onlyThis) S.TrustedNetworks.Clear();
        // Refreshed once a day at most: a sign-in should not cost a write each time.
        else if (S.TrustedNetworks.Exists(e => e.Network == network && now - e.At < TimeSpan.FromDays(1))) return;
        S.TrustedNetworks.RemoveAll(e => e.Network == network || now - e.At >= TrustedNetworkLifetime);
        S.TrustedNetworks.Add(new NetworkEvent(now, network));
        if (S.TrustedNetworks.Count > TrustedNetworksKept) S.TrustedNetworks.RemoveRange(0, S.TrustedNetworks.Count - TrustedNetworksKept);
        await state.WriteStateAsync();
    }

    /// <summary>Zero when this network may have one more mail sent to the address now.</summary>
    private TimeSpan SendRetryAfter(string network) => _rules.CodeSends.RetryAfter(_codeSends, network, Now, IsTrusted(network));

    private void RecordSend(string network)
    {
        _rules.CodeSends.Record(_codeSends, network, Now);
        KeepCounts();
    }

    /// <summary>
    /// A refusal when this network used up its wrong codes (since a code was last sent on its
    /// request, or in the hour), or all networks together theirs.
    /// </summary>
    private SignInOutcome? CodeRetryAfter(string network)
    {
        var now = Now;
        var wait = _rules.CodeFailures.RetryAfter(_codeFailures, network, now, IsTrusted(network));
        if (wait > TimeSpan.Zero) return SignInOutcome.Fail(AuthFailure.TooManyAttempts, wait);
        var lastSend = _codeSends.FindLast(e => e.Network == network).At;
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
    /// Counts live in memory for every address alike and must outlive idle collection alike:
    /// were an unknown address's counts forgotten sooner than an account's, waiting and trying
    /// again would tell them apart. A silo restart forgets them for every address.
    /// </summary>
    /// <remarks>
    /// At most <see cref="AuthRules.MaxPinnedAddressesPerSilo"/> activations are kept so per silo
    /// (<see cref="PinnedAddresses"/>), so probing random addresses cannot fill its memory; past
    /// that, counts go with idle collection (15 minutes without a request) — for every address
    /// alike, since only the silo's total decides.
    /// </remarks>
    private void KeepCounts()
    {
        if (!_pinned) _pinned = pinned.TryPin();
        if (_pinned) DelayDeactivation(_rules.InMemoryCountLifetime);
    }

    private bool _pinned;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_pinned) pinned.Unpin();
        return Task.CompletedTask;
    }
}
