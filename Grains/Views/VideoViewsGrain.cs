using Microsoft.Extensions.Logging;
using Platform.Grains.Interfaces.Views;
using Platform.Grains.Videos;

namespace Platform.Grains.Views;

/// <summary>
/// Counts one video's views: a viewer counts once per <see cref="Window"/>, and one client network
/// counts at most <see cref="AnonymousPerNetwork"/> anonymous viewers per window (anyone can make up
/// client ids). The counts are added to the read model every <see cref="FlushEvery"/> and when the
/// grain goes away, so a hot video costs one database write per few seconds, not one per view. Each
/// batch carries who viewed and when, for related videos, recommendations and trending.
/// The grain stays in memory for the whole window, so its memory of viewers holds; views not yet
/// written when a silo dies are lost (at most a few seconds' worth).
/// </summary>
[CollectionAgeLimit(Minutes = 31)]
public sealed class VideoViewsGrain(IVideoCatalog catalog, ILogger<VideoViewsGrain> logger, TimeProvider time) : Grain, IVideoViewsGrain
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(5);
    public const int AnonymousPerNetwork = 5;

    /// <summary>Entries remembered at most (the oldest are forgotten first beyond it: dedupe then covers less than the window).</summary>
    private const int MaxViewers = 200_000;

    private static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Views written in one statement at most (a backlog goes in several).</summary>
    public const int WriteBatch = 5_000;

    /// <summary>Views waiting to be written at most: while the database is away this long, further views are not counted (memory stays bounded).</summary>
    public const int MaxPending = 100_000;

    private readonly Dictionary<string, DateTimeOffset> _seen = [];
    private readonly Queue<(string Viewer, DateTimeOffset At)> _order = new();
    private readonly Dictionary<string, (int Count, DateTimeOffset Since)> _networks = [];
    private readonly List<CountedView> _pending = [];
    private long _written;

    /// <summary>The batch being written: its id and size stay the same until it is written, so a retry after a lost answer is recognised.</summary>
    private (Guid Id, int Count)? _batch;
    private bool _full;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(DatabaseTimeout);
            _written = await catalog.ViewsAsync(this.GetPrimaryKey(), timeout.Token) ?? 0;
        }
        catch (Exception e)
        {
            // The next write brings the total back; until then the count shows this activation's views.
            logger.LogWarning("Video {VideoId}: the written view count could not be read ({Reason})", this.GetPrimaryKey(), e.Message);
        }
        this.RegisterGrainTimer(_ => Flush(CancellationToken.None), new GrainTimerCreationOptions(FlushEvery, FlushEvery) { KeepAlive = false });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 3 && _pending.Count > 0 && !cancellationToken.IsCancellationRequested; attempt++)
            await Flush(cancellationToken);
        if (_pending.Count > 0) logger.LogError("Video {VideoId}: {Views} views are lost (the read model could not be written)", this.GetPrimaryKey(), _pending.Count);
    }

    Task<bool> IVideoViewsGrain.Record(string viewer, string? anonymousNetwork)
    {
        var now = time.GetUtcNow();
        Forget(now);
        if (_seen.TryGetValue(viewer, out var at) && now - at < Window) return Task.FromResult(false);
        if (_pending.Count >= MaxPending)
        {
            if (!_full) logger.LogError("Video {VideoId}: {Views} views wait to be written; further views are not counted until they are", this.GetPrimaryKey(), MaxPending);
            _full = true;
            return Task.FromResult(false);
        }
        if (anonymousNetwork is not null)
        {
            var (count, since) = _networks.TryGetValue(anonymousNetwork, out var n) && now - n.Since < Window ? n : (0, now);
            if (count >= AnonymousPerNetwork) return Task.FromResult(false);
            _networks[anonymousNetwork] = (count + 1, since);
        }
        _seen[viewer] = now;
        _order.Enqueue((viewer, now));
        _pending.Add(new CountedView(viewer, now));
        return Task.FromResult(true);
    }

    Task<long> IVideoViewsGrain.Count() => Task.FromResult(_written + _pending.Count);

    private void Forget(DateTimeOffset now)
    {
        while (_order.TryPeek(out var oldest) && (now - oldest.At >= Window || _order.Count > MaxViewers))
        {
            _order.Dequeue();
            if (_seen.TryGetValue(oldest.Viewer, out var at) && at == oldest.At) _seen.Remove(oldest.Viewer);
        }
        if (_networks.Count > MaxViewers || (_networks.Count > 0 && _order.Count == 0))
            foreach (var stale in _networks.Where(n => now - n.Value.Since >= Window).Select(n => n.Key).ToList()) _networks.Remove(stale);
    }

    private async Task Flush(CancellationToken ct)
    {
        while (_pending.Count > 0)
        {
            var batch = _batch ??= (Guid.NewGuid(), Math.Min(WriteBatch, _pending.Count));
            var adding = _pending.GetRange(0, batch.Count);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(DatabaseTimeout);
                if (await catalog.AddViewsAsync(this.GetPrimaryKey(), batch.Id, adding, timeout.Token) is not { } total)
                {
                    // No row yet (the video's own write is being retried): kept for the next round.
                    DelayDeactivation(Window);
                    return;
                }
                _written = total;
                _pending.RemoveRange(0, adding.Count);
                _batch = null;
                _full = false;
            }
            catch (Exception e)
            {
                logger.LogWarning("Video {VideoId}: {Views} views could not be written yet ({Reason})", this.GetPrimaryKey(), _pending.Count, e.Message);
                DelayDeactivation(Window);
                return;
            }
        }
    }
}
