using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Grains.Interfaces.Transcoding;
using Platform.Silo.Database;
using Platform.Silo.Transcoding;

namespace Platform.Integration.Tests.Transcoding;

/// <summary>The job board on PostgreSQL: recorded once, taken by one worker, fair between owners, given back and taken again.</summary>
public sealed class JobBoardTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private NpgsqlDataSource _database = null!;
    private PostgresJobBoard _board = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await TestServices.CreateDatabaseAsync("board");
        await new DatabaseMigrator(connectionString, NullLogger.Instance).MigrateAsync();
        _database = NpgsqlDataSource.Create(connectionString);
        _board = new PostgresJobBoard(_database);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static TranscodeJob Job(Guid owner, int attempt = 1, Guid? video = null) =>
        new(video ?? Guid.NewGuid(), attempt, "videos/x/source-0", 100, DateTimeOffset.UtcNow.AddSeconds(-1), owner);

    [Fact]
    public async Task Owners_take_turns_however_many_jobs_one_of_them_queued()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var flood = new[] { Job(a), Job(a), Job(a) };
        foreach (var job in flood) await _board.RecordAsync(job);
        var late = Job(b);
        await _board.RecordAsync(late);

        // One slot, as on a silo with MaxConcurrentJobs = 1: take, finish, take again.
        var order = new List<Guid>();
        while (await _board.TakeAsync("slot", Lease, CancellationToken.None) is ({ } job, _))
        {
            order.Add(job.VideoId);
            Assert.True(await _board.FinishAsync(job, "slot", CancellationToken.None));
        }

        Assert.Equal([flood[0].VideoId, late.VideoId, flood[1].VideoId, flood[2].VideoId], order);
    }

    [Fact]
    public async Task A_job_delivered_again_is_recorded_once_and_a_newer_attempt_takes_it_from_its_worker()
    {
        var job = Job(Guid.NewGuid());
        await _board.RecordAsync(job);
        var (held, takes) = (await _board.TakeAsync("first", Lease, CancellationToken.None))!.Value;
        Assert.Equal((job.VideoId, 1), (held.VideoId, takes));

        await _board.RecordAsync(job); // redelivered while it runs
        Assert.True(await _board.RenewAsync(held, "first", Lease, CancellationToken.None));
        Assert.Null(await _board.TakeAsync("second", Lease, CancellationToken.None));

        var next = job with { Attempt = 2 };
        await _board.RecordAsync(next);
        Assert.False(await _board.RenewAsync(held, "first", Lease, CancellationToken.None)); // the first worker stops
        var (retried, _) = (await _board.TakeAsync("second", Lease, CancellationToken.None))!.Value;
        Assert.Equal(2, retried.Attempt);
        Assert.True(await _board.FinishAsync(retried, "second", CancellationToken.None));

        await _board.RecordAsync(next); // delivered again after it finished: opened again (its worker will find it unwanted)
        Assert.NotNull(await _board.TakeAsync("third", Lease, CancellationToken.None));
        await _board.RecordAsync(job); // an older attempt changes nothing
        Assert.Null(await _board.TakeAsync("fourth", Lease, CancellationToken.None));
    }

    [Fact]
    public async Task A_lapsed_lease_frees_the_job_and_a_given_back_one_waits_out_its_delay()
    {
        var job = Job(Guid.NewGuid());
        await _board.RecordAsync(job);
        await _board.TakeAsync("dies", TimeSpan.FromMilliseconds(200), CancellationToken.None);

        await Eventually.Async(async () => await _board.TakeAsync("lives", Lease, CancellationToken.None) is { Takes: 2 }, TimeSpan.FromSeconds(10),
            "the job was never taken again after its lease ran out");
        Assert.False(await _board.RenewAsync(job, "dies", Lease, CancellationToken.None));

        // Given back at a graceful shutdown: free at once, and that take does not count.
        Assert.True(await _board.ReleaseAsync(job, "lives", TimeSpan.Zero, countTake: false, CancellationToken.None));
        var (again, takes) = (await _board.TakeAsync("next", Lease, CancellationToken.None))!.Value;
        Assert.Equal(2, takes);

        // Given back after a fault: nobody takes it before the delay.
        Assert.True(await _board.ReleaseAsync(again, "next", TimeSpan.FromMinutes(1), countTake: true, CancellationToken.None));
        Assert.Null(await _board.TakeAsync("eager", Lease, CancellationToken.None));
        Assert.Equal(0, await _board.CountWaitingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Idle_workers_are_woken_only_by_a_job_takeable_now()
    {
        var finished = Job(Guid.NewGuid());
        await _board.RecordAsync(finished);
        var (held, _) = (await _board.TakeAsync("w", Lease, CancellationToken.None))!.Value;
        await _board.FinishAsync(held, "w", CancellationToken.None);
        await using var listener = await _board.ListenAsync(CancellationToken.None);
        var woken = new System.Collections.Concurrent.ConcurrentQueue<string>();
        listener.Notification += (_, e) => woken.Enqueue(e.Payload);

        await _board.RecordAsync(Job(Guid.NewGuid()) with { NotBefore = DateTimeOffset.UtcNow.AddMinutes(5) }); // after a backoff
        await _board.RecordAsync(finished with { Attempt = 0 });                                            // an older attempt: nothing changes
        var due = Job(Guid.NewGuid());
        await _board.RecordAsync(due);

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (woken.IsEmpty) await listener.WaitAsync(wait.Token);
        Assert.Equal([due.VideoId.ToString()], woken);
    }
}
