using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Grains.Accounts;

/// <summary>
/// Runs the slow password work (<see cref="PasswordHasher"/>) off the grain scheduler, at most
/// <see cref="PasswordHashingOptions.Concurrency"/> at a time per silo. Work that cannot start
/// within the queue timeout is refused with <see cref="PasswordHashingBusyException"/>, so a
/// sign-in flood costs a bounded share of the silo and never a queue without end.
/// </summary>
public sealed class PasswordHashing : IDisposable
{
    private readonly PasswordHasher _hasher;
    private readonly PasswordHashingOptions _options;
    private readonly SemaphoreSlim _slots;
    private readonly ILogger<PasswordHashing> _logger;

    public PasswordHashing(PasswordHasher hasher, IOptions<PasswordHashingOptions> options, ILogger<PasswordHashing> logger)
    {
        _hasher = hasher;
        _options = options.Value;
        _logger = logger;
        _slots = new SemaphoreSlim(_options.EffectiveConcurrency, _options.EffectiveConcurrency);
    }

    public Task<string> Hash(string password, byte[]? salt = null) => Run(() => _hasher.Hash(password, salt));

    public Task<PasswordCheck> Verify(string? stored, string password) => Run(() => _hasher.Verify(stored, password));

    /// <summary>Spends the time of one verification, so refusals without a password take as long.</summary>
    public Task SpendEquivalentTime(string password) => Run(() => { _hasher.SpendEquivalentTime(password); return true; });

    /// <summary>Runs slow work in the pool: at most the configured number at once, or <see cref="PasswordHashingBusyException"/> after the queue timeout.</summary>
    public async Task<T> Run<T>(Func<T> work)
    {
        if (!await _slots.WaitAsync(_options.QueueTimeout).ConfigureAwait(false))
        {
            _logger.LogWarning("Password hashing refused a request: all {Slots} slots stayed busy for {Timeout}", _options.EffectiveConcurrency, _options.QueueTimeout);
            throw new PasswordHashingBusyException(_options.RetryAfter);
        }
        try
        {
            // The thread pool, not the grain's scheduler: the grain's other callers are not held up.
            return await Task.Run(work).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
