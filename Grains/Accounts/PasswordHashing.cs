using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Grains.Accounts;

/// <summary>
/// Runs the slow password work (<see cref="PasswordHasher"/>) on threads of its own, at most
/// <see cref="PasswordHashingOptions.Concurrency"/> at a time per silo. Work that cannot start
/// within the queue timeout is refused with <see cref="PasswordHashingBusyException"/>, so a
/// sign-in flood costs a bounded share of the silo and never a queue without end.
/// </summary>
/// <remarks>
/// Dedicated threads, not the .NET thread pool: hashes that held pool threads left the grain
/// scheduler and the network waiting for the pool to inject more (measured: session checks
/// p99 ~2 s during a sign-in flood); with threads of their own they only share the cores.
/// </remarks>
public sealed class PasswordHashing : IDisposable
{
    private readonly PasswordHasher _hasher;
    private readonly PasswordHashingOptions _options;
    private readonly SemaphoreSlim _slots;
    private readonly BlockingCollection<Action> _work = [];
    private readonly ILogger<PasswordHashing> _logger;
    private long _lastWarning = long.MinValue / 2;

    public PasswordHashing(PasswordHasher hasher, IOptions<PasswordHashingOptions> options, ILogger<PasswordHashing> logger)
    {
        _hasher = hasher;
        _options = options.Value;
        _logger = logger;
        var slots = _options.EffectiveConcurrency;
        _slots = new SemaphoreSlim(slots, slots);
        for (var i = 0; i < slots; i++)
            new Thread(Work) { IsBackground = true, Name = $"password-hashing-{i}", Priority = ThreadPriority.BelowNormal }.Start();
    }

    public Task<string> Hash(string password, byte[]? salt = null) => Run(() => _hasher.Hash(password, salt));

    public Task<string> HashLike(string password, string? reference, byte[] salt) => Run(() => _hasher.HashLike(password, reference, salt));

    public bool NeedsRehash(string stored) => _hasher.NeedsRehash(stored);

    public Task<PasswordCheck> Verify(string? stored, string password) => Run(() => _hasher.Verify(stored, password));

    /// <summary>Runs slow work in the pool: at most the configured number at once, or <see cref="PasswordHashingBusyException"/> after the queue timeout.</summary>
    public async Task<T> Run<T>(Func<T> work)
    {
        if (!await _slots.WaitAsync(_options.QueueTimeout).ConfigureAwait(false))
        {
            // Once per 10 seconds at most: a flood would otherwise write a line per refusal.
            var now = Environment.TickCount64;
            var last = Interlocked.Read(ref _lastWarning);
            if (now - last >= 10_000 && Interlocked.CompareExchange(ref _lastWarning, now, last) == last)
                _logger.LogWarning("Password hashing is refusing requests: all {Slots} slots stayed busy for {Timeout}", _options.EffectiveConcurrency, _options.QueueTimeout);
            throw new PasswordHashingBusyException(_options.RetryAfter);
        }
        // The caller goes on elsewhere, never on a hashing thread.
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _work.Add(() =>
            {
                try { done.SetResult(work()); }
                catch (Exception e) { done.SetException(e); }
                finally { _slots.Release(); }
            });
        }
        catch (InvalidOperationException)
        {
            // Shutting down (adding is complete): nothing would run it.
            _slots.Release();
            throw new PasswordHashingBusyException(_options.RetryAfter);
        }
        return await done.Task.ConfigureAwait(false);
    }

    private void Work()
    {
        foreach (var job in _work.GetConsumingEnumerable()) job();
    }

    public void Dispose() => _work.CompleteAdding();
}
