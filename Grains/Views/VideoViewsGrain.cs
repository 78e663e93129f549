using Microsoft.Extensions.Logging;
using Platform.Grains.Interfaces.Views;
using Platform.Grains.Videos;

namespace Platform.Grains.Views;

/// <summary>
/// Counts one video's views: a viewer counts once per <see cref="Window"/>; the counts are added to
/// the read model every <see cref="FlushEvery"/> and when the grain goes away, so a hot video costs
/// one database write per few seconds, not one per view. Views not yet written when a silo dies
/// are lost (at most a few seconds' worth).
/// </summary>
public sealed class VideoViewsGrain(IVideoCatalog catalog, TimeProvider time, ILogger<VideoViewsGrain> logger) : Grain, IVideoViewsGrain
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(5);

    /// <summary>Viewers remembered at most (the oldest are forgotten first beyond it).</summary>
    private const int MaxViewers = 200_000;

    private readonly Dictionary<string, DateTimeOffset> _seen = [];
    private readonly Queue<(string Viewer, DateTimeOffset At)> _order = new();
    private long _written, _pending;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _written = await catalog.AddViewsAsync(this.GetPrimaryKey(), 0, cancellationToken);
        this.RegisterGrainTimer(_ => Flush(), new GrainTimerCreationOptions(FlushEvery, FlushEvery) { KeepAlive = false });
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Flush();

    Task<bool> IVideoViewsGrain.Record(string viewer)
    {
        var now = time.GetUtcNow();
        Forget(now);
        if (_seen.TryGetValue(viewer, out var at) && now - at < Window) return Task.FromResult(false);
        _seen[viewer] = now;
        _order.Enqueue((viewer, now));
        _pending++;
        return Task.FromResult(true);
    }

    Task<long> IVideoViewsGrain.Count() => Task.FromResult(_written + _pending);

    private void Forget(DateTimeOffset now)
    {
        while (_order.TryPeek(out var oldest) && (now - oldest.At >= Window || _order.Count > MaxViewers))
        {
            _order.Dequeue();
            if (_seen.TryGetValue(oldest.Viewer, out var at) && at == oldest.At) _seen.Remove(oldest.Viewer);
        }
    }

    private async Task Flush()
    {
        if (_pending == 0) return;
        var adding = _pending;
        try
        {
            _written = await catalog.AddViewsAsync(this.GetPrimaryKey(), adding);
            _pending -= adding;
        }
        catch (Exception e)
        {
            logger.LogWarning("Video {VideoId}: {Views} views could not be written yet ({Reason})", this.GetPrimaryKey(), adding, e.Message);
        }
    }
}
