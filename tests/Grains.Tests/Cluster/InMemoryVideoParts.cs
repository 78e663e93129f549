using System.Collections.Concurrent;
using Platform.Grains.Interfaces.Transcoding;
using Platform.Grains.Interfaces.Videos;
using Platform.Grains.Transcoding;
using Platform.Grains.Videos;
using Platform.Grains.Views;

namespace Platform.Grains.Tests.Cluster;

/// <summary>The read model in memory, with the same rule as the table: only a newer version changes a row.</summary>
public sealed class InMemoryVideoCatalog : IVideoCatalog
{
    public ConcurrentDictionary<Guid, (VideoView? Video, long Version)> Rows { get; } = new();

    public Task SaveAsync(VideoView video, long version, CancellationToken ct = default)
    {
        Rows.AddOrUpdate(video.Id, (video, version), (_, old) => old.Version < version ? (video, version) : old);
        return Task.CompletedTask;
    }

    public Task RemoveAsync(Guid videoId, long version, CancellationToken ct = default)
    {
        Rows.AddOrUpdate(videoId, (null, version), (_, old) => old.Version < version ? (null, version) : old);
        return Task.CompletedTask;
    }

    public ConcurrentDictionary<Guid, long> Views { get; } = new();

    /// <summary>Like the table: no row for the video, no count.</summary>
    public Task<long?> AddViewsAsync(Guid videoId, Guid batchId, IReadOnlyList<CountedView> views, CancellationToken ct = default)
    {
        if (!Rows.TryGetValue(videoId, out var row) || row.Video is null) return Task.FromResult<long?>(null);
        long total;
        lock (Batches)
        {
            if (!Batches.Add(batchId)) return Task.FromResult<long?>(Views.GetValueOrDefault(videoId));
            foreach (var view in views) Events.Enqueue((videoId, view));
            total = Views.AddOrUpdate(videoId, views.Count, (_, old) => old + views.Count);
        }
        // As a write whose answer was lost: done, and yet the caller hears of a failure.
        if (LoseAnswers.TryGetValue(videoId, out var left) && left > 0 && LoseAnswers.TryUpdate(videoId, left - 1, left))
            return Task.FromException<long?>(new TimeoutException("the answer was lost"));
        return Task.FromResult<long?>(total);
    }

    private HashSet<Guid> Batches { get; } = [];

    /// <summary>How many more answers of view writes to lose, per video.</summary>
    public ConcurrentDictionary<Guid, int> LoseAnswers { get; } = new();

    /// <summary>Every view written, in order.</summary>
    public ConcurrentQueue<(Guid VideoId, CountedView View)> Events { get; } = new();

    public Task<long?> ViewsAsync(Guid videoId, CancellationToken ct = default) =>
        Task.FromResult<long?>(Rows.ContainsKey(videoId) ? Views.GetValueOrDefault(videoId) : null);
}

/// <summary>Which videos had their objects removed.</summary>
public sealed class InMemoryVideoObjects : IVideoObjects
{
    public ConcurrentBag<Guid> Removed { get; } = [];

    public Task DeleteAllAsync(Guid videoId, CancellationToken ct = default)
    {
        Removed.Add(videoId);
        return Task.CompletedTask;
    }

    /// <summary>Folders copied (from, to) and prefixes removed, in order.</summary>
    public ConcurrentQueue<(string From, string To)> Copied { get; } = new();

    public ConcurrentQueue<string> RemovedPrefixes { get; } = new();

    /// <summary>Multipart uploads aborted (key, upload id).</summary>
    public ConcurrentQueue<(string Key, string UploadId)> AbortedUploads { get; } = new();

    public Task AbortUploadAsync(string key, string uploadId, CancellationToken ct = default)
    {
        AbortedUploads.Enqueue((key, uploadId));
        return Task.CompletedTask;
    }

    public Task CopyFolderAsync(string from, string to, CancellationToken ct = default)
    {
        Copied.Enqueue((from, to));
        return Task.CompletedTask;
    }

    public Task DeletePrefixAsync(string prefix, CancellationToken ct = default)
    {
        RemovedPrefixes.Enqueue(prefix);
        return Task.CompletedTask;
    }
}

/// <summary>The job board's recording rule in memory: one job per video, only a newer attempt replaces it.</summary>
public sealed class InMemoryJobBoard : ITranscodeJobBoard
{
    public ConcurrentDictionary<Guid, TranscodeJob> Jobs { get; } = new();

    /// <summary>Every job received, duplicates included.</summary>
    public ConcurrentQueue<TranscodeJob> Received { get; } = new();

    public Task RecordAsync(TranscodeJob job, CancellationToken ct = default)
    {
        Received.Enqueue(job);
        Jobs.AddOrUpdate(job.VideoId, job, (_, old) => old.Attempt < job.Attempt ? job : old);
        return Task.CompletedTask;
    }

    public Task WithdrawAsync(Guid videoId, CancellationToken ct = default)
    {
        Jobs.TryRemove(videoId, out _);
        return Task.CompletedTask;
    }
}
