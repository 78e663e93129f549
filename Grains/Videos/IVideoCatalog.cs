using Platform.Grains.Interfaces.Videos;
using Platform.Grains.Views;

namespace Platform.Grains.Videos;

/// <summary>
/// The read model of videos (PostgreSQL table <c>videos</c>) that listings query. The video grain
/// writes it on every change; a write older than what the table holds changes nothing, so writes
/// may be repeated and arrive in any order.
/// </summary>
public interface IVideoCatalog
{
    Task SaveAsync(VideoView video, long version, CancellationToken ct = default);

    /// <summary>Marks the video deleted (kept as a tombstone so that a late, older write cannot bring it back).</summary>
    Task RemoveAsync(Guid videoId, long version, CancellationToken ct = default);

    /// <summary>
    /// Adds <paramref name="views"/> to the video's count and to the view history that related videos,
    /// recommendations and trending are computed from, all at once; the count after, or null (and
    /// nothing written) when the read model has no row for the video (yet). A batch whose
    /// <paramref name="batchId"/> was written already changes nothing (a retry after a lost answer).
    /// </summary>
    Task<long?> AddViewsAsync(Guid videoId, Guid batchId, IReadOnlyList<CountedView> views, CancellationToken ct = default);

    /// <summary>The video's count as written, or null when the read model has no row for it.</summary>
    Task<long?> ViewsAsync(Guid videoId, CancellationToken ct = default);
}
