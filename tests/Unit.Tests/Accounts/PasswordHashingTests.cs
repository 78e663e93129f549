using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Grains.Accounts;

namespace Platform.Unit.Tests.Accounts;

/// <summary>The bounded hashing pool: at most its concurrency at once, the rest refused after a short wait.</summary>
public sealed class PasswordHashingTests
{
    [Fact]
    public async Task Work_beyond_the_slots_is_refused_with_a_retry_after_once_the_queue_timeout_passes()
    {
        // The one slot is held until the test lets go; a second job waits 20 ms and gives up.
        using var pool = new PasswordHashing(new PasswordHasher(1_000),
            Options.Create(new PasswordHashingOptions { Concurrency = 1, QueueTimeout = TimeSpan.FromMilliseconds(20), RetryAfter = TimeSpan.FromSeconds(3) }),
            NullLogger<PasswordHashing>.Instance);
        using var holding = new ManualResetEventSlim();

        var first = pool.Run(() => { holding.Wait(); return 1; });
        var busy = await Assert.ThrowsAsync<PasswordHashingBusyException>(() => pool.Hash("the second password"));
        holding.Set();

        Assert.Equal(TimeSpan.FromSeconds(3), busy.RetryAfter);
        Assert.Equal(1, await first);
        Assert.StartsWith("v1$pbkdf2-sha256$1000$", await pool.Hash("once the slot is free"));
    }

    [Fact]
    public async Task A_freed_slot_serves_the_next_hash()
    {
        var hasher = new PasswordHasher(1_000);
        using var pool = new PasswordHashing(hasher, Options.Create(new PasswordHashingOptions { Concurrency = 1 }), NullLogger<PasswordHashing>.Instance);

        var first = await pool.Hash("a password here");
        Assert.Equal(PasswordCheck.Right, await pool.Verify(first, "a password here"));
        Assert.Equal(PasswordCheck.Wrong, await pool.Verify(first, "another password"));
    }

    [Fact]
    public void Zero_concurrency_means_one_slot_per_core()
    {
        Assert.Equal(Environment.ProcessorCount, new PasswordHashingOptions().EffectiveConcurrency);
    }
}
