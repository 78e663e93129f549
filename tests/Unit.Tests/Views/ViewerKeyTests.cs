using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Platform.Api.Videos;
using Platform.Api.Views;

namespace Platform.Unit.Tests.Views;

/// <summary>Viewer keys: keyed (user ids are public), stable for one key, apart for users and clients.</summary>
public sealed class ViewerKeyTests
{
    private static ViewerKeys Keys(string key) => new(Options.Create(new VideoUrlOptions { SigningKey = key }));

    [Fact]
    public void A_viewer_key_is_a_keyed_hash_that_only_the_key_reproduces()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var user = Guid.NewGuid();

        var viewer = Keys(key).OfUser(user);

        Assert.Matches("^[0-9A-F]{32}$", viewer);
        Assert.Equal(viewer, Keys(key).OfUser(user));
        // As bench/discovery.sh computes it: HMAC(HMAC(signing key, "platform-viewer-keys"), "user\n" + id).
        var derived = HMACSHA256.HashData(Convert.FromBase64String(key), Encoding.UTF8.GetBytes("platform-viewer-keys"));
        Assert.Equal(Convert.ToHexString(HMACSHA256.HashData(derived, Encoding.UTF8.GetBytes($"user\n{user:N}")))[..32], viewer);
        // Not the plain hash anyone could compute from a public user id; another key, another history.
        Assert.NotEqual(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"user\n{user:N}")))[..32], viewer);
        Assert.NotEqual(viewer, Keys(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))).OfUser(user));
        Assert.NotEqual(viewer, Keys(key).OfClient(user.ToString("N")));
    }
}
