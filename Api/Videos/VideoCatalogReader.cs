using System.Buffers.Binary;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;
using Platform.Grains.Interfaces.Videos;

namespace Platform.Api.Videos;

/// <summary>
/// Listings from the read model (the <c>videos</c> table the video grains write). Pages are keyed
/// by (created_at, id), newest first, so a page boundary never moves when videos are added.
/// </summary>
public sealed class VideoCatalogReader(NpgsqlDataSource database)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>The columns <see cref="Read"/> reads, in its order (views is column 16).</summary>
    public const string Columns = """
        id, owner_id, title, description, visibility, status, progress, eta_seconds, size_bytes, duration_seconds,
        width, height, renditions, error_code, error_message, output_prefix, views, created_at, updated_at, playback_epoch
        """;

    /// <summary>What anyone may list: ready, public, not deleted.</summary>
    public const string Public = "NOT deleted AND status = 'ready' AND visibility = 'public'";

    /// <summary>The owner's videos in every status.</summary>
    public Task<(IReadOnlyList<(VideoView Video, long Views)> Items, string? Next)> OwnedByAsync(Guid ownerId, int limit, Cursor? after, CancellationToken ct) =>
        PageAsync($"SELECT {Columns} FROM videos WHERE owner_id = @owner AND NOT deleted", ownerId, limit, after, ct);

    /// <summary>Ready public videos, newest first: everyone's, or one person's.</summary>
    public Task<(IReadOnlyList<(VideoView Video, long Views)> Items, string? Next)> PublicAsync(Guid? ownerId, int limit, Cursor? after, CancellationToken ct) =>
        PageAsync($"SELECT {Columns} FROM videos WHERE {Public}{(ownerId is null ? "" : " AND owner_id = @owner")}", ownerId, limit, after, ct);

    private async Task<(IReadOnlyList<(VideoView Video, long Views)> Items, string? Next)> PageAsync(string select, Guid? ownerId, int limit, Cursor? after, CancellationToken ct)
    {
        await using var command = database.CreateCommand($"""
            {select} AND (@first OR (created_at, id) < (@at, @id))
            ORDER BY created_at DESC, id DESC
            LIMIT @limit
            """);
        if (ownerId is { } owner) command.Parameters.AddWithValue("owner", owner);
        return await ReadPageAsync(command, limit, after?.CreatedAt, after?.Id, (_, video) => new Cursor(video.CreatedAt, video.Id).ToString(), ct);
    }

    /// <summary>
    /// Runs a page query (parameters <c>@first</c>, <c>@at</c>, <c>@id</c> for the place after which
    /// it starts, <c>@limit</c>): asks one row more than the page to know whether another follows,
    /// whose cursor is that of the page's last row.
    /// </summary>
    private static async Task<(IReadOnlyList<(VideoView Video, long Views)> Items, string? Next)> ReadPageAsync(
        NpgsqlCommand command, int limit, DateTimeOffset? afterAt, Guid? afterId, Func<NpgsqlDataReader, VideoView, string> cursorOf, CancellationToken ct)
    {
        command.Parameters.AddWithValue("first", afterAt is null);
        command.Parameters.AddWithValue("at", afterAt ?? DateTimeOffset.UnixEpoch);
        command.Parameters.AddWithValue("id", afterId ?? Guid.Empty);
        command.Parameters.AddWithValue("limit", limit + 1);
        var items = new List<(VideoView, long)>();
        string? last = null;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (items.Count == limit) return (items, last);
            var video = Read(reader);
            items.Add((video, reader.GetInt64(16)));
            last = cursorOf(reader, video);
        }
        return (items, null);
    }

    /// <summary>
    /// Ready public videos matching <paramref name="query"/> (web-search syntax: words, "phrases",
    /// -not), best first (title words weigh more than description words), then newest. Pages are
    /// keyed by (rank, created_at, id).
    /// </summary>
    public async Task<(IReadOnlyList<(VideoView Video, long Views)> Items, string? Next)> SearchAsync(string query, int limit, SearchCursor? after, CancellationToken ct)
    {
        await using var command = database.CreateCommand($"""
            SELECT {Columns}, rank FROM (
                SELECT *, ts_rank(search, websearch_to_tsquery('english', @q)) AS rank FROM videos
                WHERE {Public} AND search @@ websearch_to_tsquery('english', @q)) matches
            WHERE @first OR (rank, created_at, id) < (@rank, @at, @id)
            ORDER BY rank DESC, created_at DESC, id DESC
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("q", query);
        // A query that matches nearly everything ranks nearly everything: bounded, and a timeout is a 503, not a hang.
        command.CommandTimeout = 5;
        command.Parameters.AddWithValue("rank", after?.Rank ?? 0f);
        return await ReadPageAsync(command, limit, after?.CreatedAt, after?.Id,
            (row, video) => new SearchCursor(row.GetFloat(20), video.CreatedAt, video.Id).ToString(), ct);
    }

    /// <summary>A row of <see cref="Columns"/>.</summary>
    public static VideoView Read(NpgsqlDataReader r)
    {
        T? Nullable<T>(int i) where T : struct => r.IsDBNull(i) ? null : r.GetFieldValue<T>(i);
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        VideoText.TryVisibility(r.GetString(4), out var visibility);
        var renditions = JsonSerializer.Deserialize<List<Rendition>>(r.GetString(12), VideoText.Json) ?? [];
        var error = Text(13) is { } code ? new VideoError(code, Text(14) ?? "") : null;
        return new VideoView(r.GetGuid(0), r.GetGuid(1), r.GetString(2), Text(3), visibility, VideoText.StatusOf(r.GetString(5)),
            r.GetInt32(6), Nullable<int>(7), r.GetInt64(8), Nullable<double>(9), Nullable<int>(10), Nullable<int>(11), renditions, error,
            0, "", r.GetFieldValue<DateTimeOffset>(17), r.GetFieldValue<DateTimeOffset>(18), Text(15), r.GetInt32(19));
    }

    /// <summary>Where a page of search results ends: the last result's rank, creation time and id, as opaque base64url.</summary>
    public sealed record SearchCursor(float Rank, DateTimeOffset CreatedAt, Guid Id)
    {
        public override string ToString()
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteSingleBigEndian(bytes, Rank);
            return WebEncoders.Base64UrlEncode([.. bytes, .. WebEncoders.Base64UrlDecode(new Cursor(CreatedAt, Id).ToString())]);
        }

        public static bool TryParse(string? text, out SearchCursor? cursor)
        {
            cursor = null;
            if (string.IsNullOrEmpty(text) || text.Length > 64) return false;
            byte[] bytes;
            try { bytes = WebEncoders.Base64UrlDecode(text); } catch (FormatException) { return false; }
            if (bytes.Length != 28) return false;
            var rank = BinaryPrimitives.ReadSingleBigEndian(bytes);
            if (!float.IsFinite(rank) || !Cursor.TryParse(WebEncoders.Base64UrlEncode(bytes[4..]), out var place)) return false;
            cursor = new SearchCursor(rank, place!.CreatedAt, place.Id);
            return true;
        }
    }

    /// <summary>Where a page ends: the last video's creation time and id, as opaque base64url.</summary>
    public sealed record Cursor(DateTimeOffset CreatedAt, Guid Id)
    {
        public override string ToString()
        {
            var bytes = new byte[24];
            BinaryPrimitives.WriteInt64BigEndian(bytes, CreatedAt.UtcTicks);
            Id.TryWriteBytes(bytes.AsSpan(8));
            return WebEncoders.Base64UrlEncode(bytes);
        }

        public static bool TryParse(string? text, out Cursor? cursor)
        {
            cursor = null;
            if (string.IsNullOrEmpty(text) || text.Length > 64) return false;
            byte[] bytes;
            try { bytes = WebEncoders.Base64UrlDecode(text); } catch (FormatException) { return false; }
            if (bytes.Length != 24) return false;
            var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
            if (ticks < DateTimeOffset.UnixEpoch.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks) return false;
            cursor = new Cursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes.AsSpan(8)));
            return true;
        }
    }
}
