using System.ComponentModel.DataAnnotations;
using System.Net;
using Platform.ServiceDefaults.Configuration;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>Who may scrape <c>/metrics</c> on a public port (<c>Telemetry:*</c>).</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Telemetry";

    /// <summary>
    /// Networks (CIDR, e.g. <c>10.0.0.0/8</c>) besides loopback whose callers may read the API's
    /// <c>/metrics</c>; everyone else gets 404. Silos serve it to anyone who reaches their (private) port.
    /// </summary>
    public List<string> ScrapeNetworks { get; set; } = [];

    public IEnumerable<IPNetwork> Networks => ScrapeNetworks.Select(IPNetwork.Parse);

    public bool MayScrape(IPAddress? caller)
    {
        if (caller is null) return false;
        if (caller.IsIPv4MappedToIPv6) caller = caller.MapToIPv4();
        return IPAddress.IsLoopback(caller) || Networks.Any(n => n.Contains(caller));
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < ScrapeNetworks.Count; i++)
            if (!AddressText.TryParseNetwork(ScrapeNetworks[i], out _))
                yield return new ValidationResult($"Setting '{Section}:{nameof(ScrapeNetworks)}:{i}' holds '{ScrapeNetworks[i]}', which is not a network in CIDR form.", [nameof(ScrapeNetworks)]);
    }
}
