using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Api.Videos;
using Platform.Api.Views;
using Platform.Grains.Interfaces.Videos;

namespace Platform.Api.Recommendations;

/// <summary>
/// Related videos and recommendations from the tables the platform keeps as views arrive
/// (<c>related_videos</c>, <c>view_events</c>, <c>daily_views</c>; migration 0006): a handful of
/// index lookups per request, never a scan of the history. Scores follow the related-videos paper
/// of YouTube (2010): co-views(i, j) / (views(i) · views(j)), ranked per video by the silos'
/// co-watch pairing; recommendations sum them over the related lists of what the user watched
/// (the paper's candidate generation). Only ready public videos are returned, checked at read time.
/// </summary>
public sealed class RecommendationReader(NpgsqlDataSource database, TrendingVideos trending, ViewerKeys keys, IOptions<RecommendationOptions> options)
{
    public const int DefaultLimit = VideoCatalogReader.DefaultLimit;
    public const int MaxLimit = 50;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Videos watched by the viewers of <paramref name="videoId"/> within 24 h of it, best first;
    /// then the same uploader's newest; then trending.
    /// </summary>
    public async Task<IReadOnlyList<(VideoView Video, long Views)>> RelatedAsync(Guid videoId, Guid ownerId, int limit, CancellationToken ct)
    {
        var items = new List<(VideoView Video, long Views)>(limit);
        await using (var command = database.CreateCommand($"""
            SELECT {VideoCatalogReader.Columns} FROM videos
            JOIN (SELECT other_id, score FROM related_videos WHERE video_id = @id) r ON id = r.other_id
            WHERE {VideoCatalogReader.Public}
            ORDER BY r.score DESC, views DESC, id
            LIMIT @limit
            """))
        {
            command.Parameters.AddWithValue("id", videoId);
            command.Parameters.AddWithValue("limit", limit);
            await ReadAsync(command, items, ct);
        }
        var skip = new HashSet<Guid>(items.Select(i => i.Video.Id)) { videoId };
        if (items.Count < limit)
        {
            await using var command = database.CreateCommand($"""
                SELECT {VideoCatalogReader.Columns} FROM videos
                WHERE {VideoCatalogReader.Public} AND owner_id = @owner AND NOT (id = ANY(@skip))
                ORDER BY created_at DESC, id DESC
                LIMIT @limit
                """);
            command.Parameters.AddWithValue("owner", ownerId);
            command.Parameters.AddWithValue("skip", skip.ToArray());
            command.Parameters.AddWithValue("limit", limit - items.Count);
            await ReadAsync(command, items, ct);
            skip.UnionWith(items.Select(i => i.Video.Id));
        }
        await FillWithTrendingAsync(items, limit, skip, null, ct);
        return items;
    }

    /// <summary>
    /// For a signed-in user: videos co-watched with what they watched most recently, best first
    /// (scores summed over what they watched), leaving out the <see cref="RecommendationOptions.WatchedExcluded"/>
    /// videos they watched last and their own; then trending. Anonymous: trending.
    /// </summary>
    public async Task<IReadOnlyList<(VideoView Video, long Views)>> ForAsync(Guid? userId, int limit, CancellationToken ct)
    {
        var items = new List<(VideoView Video, long Views)>(limit);
        var skip = new HashSet<Guid>();
        if (userId is { } user)
        {
            var viewer = keys.OfUser(user);
            var watched = new List<Guid>();
            // The newest events only (bounded however much the user watched), newest video first.
            await using (var command = database.CreateCommand("""
                SELECT video_id FROM (
                    SELECT video_id, viewed_at FROM view_events WHERE viewer = @viewer ORDER BY viewed_at DESC LIMIT @events) recent
                GROUP BY video_id ORDER BY max(viewed_at) DESC, video_id
                LIMIT @watched
                """))
            {
                command.Parameters.AddWithValue("viewer", viewer);
                command.Parameters.AddWithValue("events", options.Value.WatchedExcluded * 4);
                command.Parameters.AddWithValue("watched", options.Value.WatchedExcluded);
                command.CommandTimeout = (int)Timeout.TotalSeconds;
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) watched.Add(reader.GetGuid(0));
            }
            skip.UnionWith(watched);
            if (watched.Count > 0)
            {
                await using var command = database.CreateCommand($"""
                    WITH scored AS (
                        SELECT other_id, sum(score) AS score FROM related_videos
                        WHERE video_id = ANY(@seeds) AND NOT (other_id = ANY(@watched))
                        GROUP BY other_id
                        -- The best few only are looked up: the lists hold ready public videos already,
                        -- so few fall out below (the user's own, a video made private since).
                        ORDER BY score DESC
                        LIMIT @candidates)
                    SELECT {VideoCatalogReader.Columns} FROM scored CROSS JOIN LATERAL (SELECT * FROM videos WHERE id = scored.other_id) v
                    WHERE {VideoCatalogReader.Public} AND owner_id <> @user
                    ORDER BY scored.score DESC, views DESC, id
                    LIMIT @limit
                    """);
                command.Parameters.AddWithValue("seeds", watched.Take(options.Value.Seeds).ToArray());
                command.Parameters.AddWithValue("watched", watched.ToArray());
                command.Parameters.AddWithValue("user", user);
                command.Parameters.AddWithValue("limit", limit);
                command.Parameters.AddWithValue("candidates", 4 * limit + 50);
                await ReadAsync(command, items, ct);
                skip.UnionWith(items.Select(i => i.Video.Id));
            }
        }
        await FillWithTrendingAsync(items, limit, skip, userId, ct);
        return items;
    }

    /// <summary>Adds trending videos, in order, that are not in <paramref name="skip"/> and not <paramref name="ownerToSkip"/>'s, up to <paramref name="limit"/>.</summary>
    private async Task FillWithTrendingAsync(List<(VideoView Video, long Views)> items, int limit, HashSet<Guid> skip, Guid? ownerToSkip, CancellationToken ct)
    {
        var candidates = (await trending.TopAsync(ct)).Where(id => !skip.Contains(id)).ToArray();
        // A few more than missing per query: the list may be a little old (visibility is checked again here).
        for (var at = 0; items.Count < limit && at < candidates.Length;)
        {
            var chunk = candidates[at..Math.Min(candidates.Length, at + 2 * (limit - items.Count) + 4)];
            at += chunk.Length;
            await using var command = database.CreateCommand($"""
                SELECT {VideoCatalogReader.Columns} FROM videos
                WHERE id = ANY(@ids) AND {VideoCatalogReader.Public} AND owner_id <> @owner
                """);
            command.Parameters.AddWithValue("ids", chunk);
            command.Parameters.AddWithValue("owner", ownerToSkip ?? Guid.Empty);
            var found = new List<(VideoView Video, long Views)>();
            await ReadAsync(command, found, ct);
            var byId = found.ToDictionary(f => f.Video.Id);
            foreach (var id in chunk)
            {
                if (items.Count >= limit) break;
                if (byId.TryGetValue(id, out var video)) items.Add(video);
            }
        }
    }

    private static async Task ReadAsync(NpgsqlCommand command, List<(VideoView Video, long Views)> items, CancellationToken ct)
    {
        command.CommandTimeout = (int)Timeout.TotalSeconds;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) items.Add((VideoCatalogReader.Read(reader), reader.GetInt64(16)));
    }
}
