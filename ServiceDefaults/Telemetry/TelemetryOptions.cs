using System.ComponentModel.DataAnnotations;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>Where metrics are served and how much Orleans reports (<c>Telemetry:*</c>).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// The API's management port: <c>/metrics</c> is answered only on connections to this local
    /// port, which the process must also listen on (add it to <c>Urls</c>) and which is kept off
    /// the public network. Unset, the API serves no metrics. A silo's HTTP port is internal as a
    /// whole and serves <c>/metrics</c> there.
    /// </summary>
    [Range(1, 65535)] public int? MetricsPort { get; set; }

    /// <summary>
    /// Orleans' per-message and per-call instruments (message sizes, dispatcher and gateway
    /// counts, request latency, directory lookups). Off by default: they cost a measurable share
    /// of every grain call, and the rest of Orleans' meters tell the cluster's health.
    /// </summary>
    public bool PerMessageOrleansMetrics { get; set; }
}
