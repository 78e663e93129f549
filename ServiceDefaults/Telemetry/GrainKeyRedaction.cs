using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using OpenTelemetry;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// Orleans tags grain-call spans with grain ids, whose keys here are email addresses and live
/// OAuth <c>state</c> values. Before a span leaves the process, each key is replaced by a short
/// hash: traces still correlate calls to one grain without carrying what the key says.
/// </summary>
public sealed class GrainKeyRedaction : BaseProcessor<Activity>
{
    private static readonly string[] GrainIdTags = ["rpc.orleans.target_id", "rpc.orleans.source_id"];

    public override void OnEnd(Activity activity)
    {
        foreach (var tag in GrainIdTags)
            if (activity.GetTagItem(tag) is string id && Redact(id) is var redacted && redacted != id)
                activity.SetTag(tag, redacted);
    }

    /// <summary><c>type/key</c> becomes <c>type/#hash</c>; ids without a key part stay as they are.</summary>
    public static string Redact(string grainId)
    {
        var slash = grainId.IndexOf('/');
        if (slash < 0 || slash == grainId.Length - 1) return grainId;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(grainId[(slash + 1)..]));
        return $"{grainId[..slash]}/#{Convert.ToHexStringLower(hash.AsSpan(0, 8))}";
    }
}
