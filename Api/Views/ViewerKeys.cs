using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Platform.Api.Videos;

namespace Platform.Api.Views;

/// <summary>
/// The key a viewer is counted and remembered by (in the views grain and in <c>view_events</c>):
/// a short keyed hash of the signed-in user or of the anonymous client's id. User ids are public,
/// so the hash is keyed (by a key derived from <c>Videos:Urls:SigningKey</c>): the stored history
/// cannot be tied to a person without it. Changing that key starts everyone's history afresh.
/// </summary>
public sealed class ViewerKeys(IOptions<VideoUrlOptions> options)
{
    private readonly byte[] _key = HMACSHA256.HashData(Convert.FromBase64String(options.Value.SigningKey!), "platform-viewer-keys"u8);

    public string OfUser(Guid userId) => Of($"user\n{userId:N}");

    public string OfClient(string clientId) => Of($"client\n{clientId}");

    private string Of(string viewer) => Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(viewer)), 0, 16);
}
