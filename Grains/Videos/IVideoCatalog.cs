using Platform.Grains.Interfaces.Videos;

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

    /// <summary>Adds <paramref name="views"/> to the video's count; the count after, or null when the read model has no row for it (yet).</summary>
    Task<long?> AddViewsAsync(Guid videoId, long views, CancellationToken ct = default);

    /// <summary>The video's count as written, or null when the read model has no row for it.</summary>
    Task<long?> ViewsAsync(Guid videoId, CancellationToken ct = default);
}
