using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Platform.Api.Videos;

namespace Platform.Api.Playback;

/// <summary>
/// The <c>t</c> of a playback URL: its expiry and a MAC over the video, its ladder's folder, its
/// playback epoch and the expiry. Whoever holds one may play that ladder until then — the Api hands
/// it only to whoever may see the video. A new ladder, a change of visibility (the epoch), or the
/// video gone, voids it.
/// </summary>
public sealed class PlaybackTokens(IOptions<VideoUrlOptions> options, TimeProvider time)
{
    private const int MacBytes = 16;
    private const int Length = 8 + 2 * MacBytes;
    private readonly byte[] _key = Convert.FromBase64String(options.Value.SigningKey!);

    /// <summary>
    /// expiry ‖ MAC(video, expiry) ‖ MAC(video, ladder, epoch, expiry): the first MAC is checked
    /// without asking the video (a forged token costs nothing), the second once its ladder and epoch are known.
    /// </summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue(Guid videoId, string outputPrefix, int epoch)
    {
        // Rounded to the minute: one token per video and minute, so URLs handed out together match.
        var expires = (time.GetUtcNow() + options.Value.PlaybackLifetime).ToUnixTimeSeconds() / 60 * 60;
        var bytes = new byte[Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, expires);
        Mac($"video\n{videoId:N}\n{expires}").CopyTo(bytes.AsSpan(8));
        Mac($"ladder\n{videoId:N}\n{outputPrefix}\n{epoch}\n{expires}").CopyTo(bytes.AsSpan(8 + MacBytes));
        return (WebEncoders.Base64UrlEncode(bytes), DateTimeOffset.FromUnixTimeSeconds(expires));
    }

    /// <summary>Issued for this video by this API and not expired; null otherwise. Needs no grain.</summary>
    public VideoToken? ForVideo(string? token, Guid videoId)
    {
        if (Decode(token) is not { } bytes) return null;
        var expires = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (!CryptographicOperations.FixedTimeEquals(bytes.AsSpan(8, MacBytes), Mac($"video\n{videoId:N}\n{expires}"))) return null;
        var at = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(expires, 0, 253402300799));
        return at > time.GetUtcNow() ? new VideoToken(videoId, expires, at, bytes) : null;
    }

    /// <summary>The token names this ladder and playback epoch too.</summary>
    public bool ForLadder(VideoToken token, string outputPrefix, int epoch) =>
        CryptographicOperations.FixedTimeEquals(token.Bytes.AsSpan(8 + MacBytes), Mac($"ladder\n{token.VideoId:N}\n{outputPrefix}\n{epoch}\n{token.Expires}"));

    /// <summary>A token found <see cref="ForVideo"/>: when it expires, and its bytes for the ladder's check.</summary>
    public sealed record VideoToken(Guid VideoId, long Expires, DateTimeOffset ExpiresAt, byte[] Bytes);

    private static byte[]? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64) return null;
        try
        {
            var bytes = WebEncoders.Base64UrlDecode(token);
            return bytes.Length == Length ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private byte[] Mac(string text) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("platform-playback\n" + text))[..MacBytes];
}
