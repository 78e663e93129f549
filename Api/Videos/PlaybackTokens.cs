using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Platform.Api.Videos;

/// <summary>
/// The <c>t</c> of a playback URL: its expiry and a MAC over the video, its ladder's folder, its
/// playback epoch and the expiry. Whoever holds one may play that ladder until then — the Api hands
/// it only to whoever may see the video. A new ladder, a change of visibility (the epoch), or the
/// video gone, voids it.
/// </summary>
public sealed class PlaybackTokens(IOptions<VideoUrlOptions> options, TimeProvider time)
{
    private const int MacBytes = 16;
    private readonly byte[] _key = Convert.FromBase64String(options.Value.SigningKey!);

    public (string Token, DateTimeOffset ExpiresAt) Issue(Guid videoId, string outputPrefix, int epoch)
    {
        // Rounded to the minute: one token per video and minute, so URLs handed out together match.
        var expires = DateTimeOffset.FromUnixTimeSeconds((time.GetUtcNow() + options.Value.PlaybackLifetime).ToUnixTimeSeconds() / 60 * 60);
        var bytes = new byte[8 + MacBytes];
        BinaryPrimitives.WriteInt64BigEndian(bytes, expires.ToUnixTimeSeconds());
        Mac(videoId, outputPrefix, epoch, expires.ToUnixTimeSeconds()).CopyTo(bytes.AsSpan(8));
        return (WebEncoders.Base64UrlEncode(bytes), expires);
    }

    /// <summary>Well-formed and not expired (the MAC needs the video: <see cref="Check"/>).</summary>
    public bool MayBeValid(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64) return false;
        byte[] bytes;
        try { bytes = WebEncoders.Base64UrlDecode(token); } catch (FormatException) { return false; }
        return bytes.Length == 8 + MacBytes && BinaryPrimitives.ReadInt64BigEndian(bytes) > time.GetUtcNow().ToUnixTimeSeconds();
    }

    /// <summary>When the token stops working, or null when it is not one for this ladder or has expired.</summary>
    public DateTimeOffset? Check(string? token, Guid videoId, string outputPrefix, int epoch)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64) return null;
        byte[] bytes;
        try { bytes = WebEncoders.Base64UrlDecode(token); } catch (FormatException) { return null; }
        if (bytes.Length != 8 + MacBytes) return null;
        var expires = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (!CryptographicOperations.FixedTimeEquals(bytes.AsSpan(8), Mac(videoId, outputPrefix, epoch, expires))) return null;
        var at = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(expires, 0, 253402300799));
        return at > time.GetUtcNow() ? at : null;
    }

    private byte[] Mac(Guid videoId, string outputPrefix, int epoch, long expires) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"platform-playback\n{videoId:N}\n{outputPrefix}\n{epoch}\n{expires}"))[..MacBytes];
}
