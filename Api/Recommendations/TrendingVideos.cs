using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Api.Videos;

namespace Platform.Api.Recommendations;

/// <summary>
/// The most viewed ready public videos of the last 7 days (UTC days, today included), from
/// <c>daily_views</c>. Each node keeps the list for <see cref="RecommendationOptions.TrendingRefresh"/>;
/// readers check visibility again when they fetch the videos, so a video made private leaves at once.
/// </summary>
public sealed class TrendingVideos(NpgsqlDataSource database, IOptions<RecommendationOptions> options, TimeProvider time)
{
    private sealed record Snapshot(IReadOnlyList<Guid> Ids, DateTimeOffset At);

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private Snapshot? _list;

    public async Task<IReadOnlyList<Guid>> TopAsync(CancellationToken ct)
    {
        var refresh = options.Value.TrendingRefresh;
        if (Volatile.Read(ref _list) is { } fresh && time.GetUtcNow() - fresh.At < refresh) return fresh.Ids;
        await _refreshing.WaitAsync(ct);
        try
        {
            // Whoever waited while another request refreshed takes its list.
            if (Volatile.Read(ref _list) is { } list && time.GetUtcNow() - list.At < refresh) return list.Ids;
            var ids = await QueryAsync(ct);
            Volatile.Write(ref _list, new Snapshot(ids, time.GetUtcNow()));
            return ids;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task<IReadOnlyList<Guid>> QueryAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand($"""
            SELECT d.video_id FROM daily_views d JOIN videos v ON v.id = d.video_id
            WHERE d.day > (@now AT TIME ZONE 'UTC')::date - 7 AND NOT v.deleted AND v.status = 'ready' AND v.visibility = 'public'
            GROUP BY d.video_id
            ORDER BY sum(d.views) DESC, d.video_id
            LIMIT @size
            """);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        command.Parameters.AddWithValue("size", options.Value.TrendingSize);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        return ids;
    }
}
