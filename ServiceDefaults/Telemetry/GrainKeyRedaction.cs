using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using OpenTelemetry;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// Orleans tags its spans with grain ids, whose keys here are email addresses and live OAuth
/// <c>state</c> values, and a failed call's exception text names the grain too. Before a span
/// leaves the process, each key is replaced by a keyed hash (a random key per process, so a
/// guessed address cannot be tested against it) and Orleans' exception text is dropped (its type
/// stays): traces still group the calls of one grain without carrying what its key says.
/// </summary>
public sealed class GrainKeyRedaction : BaseProcessor<Activity>
{
    /// <summary>The tags Orleans 10 sets with a grain id (older names kept in case they return).</summary>
    public static readonly string[] GrainIdTags =
        ["orleans.rpc.target_id", "orleans.rpc.source_id", "orleans.grain.id", "rpc.orleans.target_id", "rpc.orleans.source_id"];

    private static readonly string[] ExceptionTextTags = ["exception.message", "exception.stacktrace"];

    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    public override void OnEnd(Activity activity)
    {
        foreach (var tag in GrainIdTags)
            if (activity.GetTagItem(tag) is string id && Redact(id) is var redacted && redacted != id)
                activity.SetTag(tag, redacted);
        if (activity.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal))
            foreach (var tag in ExceptionTextTags)
                if (activity.GetTagItem(tag) is not null)
                    activity.SetTag(tag, "(left out: Orleans exception text can name a grain key)");
    }

    /// <summary><c>type/key</c> becomes <c>type/#hash</c>; ids without a key part stay as they are.</summary>
    public static string Redact(string grainId)
    {
        var slash = grainId.IndexOf('/');
        if (slash < 0 || slash == grainId.Length - 1) return grainId;
        var hash = HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(grainId[(slash + 1)..]));
        return $"{grainId[..slash]}/#{Convert.ToHexStringLower(hash.AsSpan(0, 8))}";
    }
}
