using System.Security.Cryptography;
using System.Text;

namespace Platform.Api.Views;

/// <summary>
/// The key a viewer is counted and remembered by (in the views grain and in <c>view_events</c>):
/// a short hash of the signed-in user or of the anonymous client's id. It keeps the counter's
/// memory small and tells viewers apart; recommendations find a user's history by it.
/// </summary>
public static class ViewerKeys
{
    public static string OfUser(Guid userId) => Of($"user\n{userId:N}");

    public static string OfClient(string clientId) => Of($"client\n{clientId}");

    private static string Of(string viewer) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(viewer)), 0, 16);
}
