using System.ComponentModel.DataAnnotations;
using System.Net;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Api.Infrastructure;

/// <summary>HTTP limits and the load balancers in front (<c>Api:*</c>).</summary>
public sealed class ApiOptions : IValidatableObject
{
    public const string Section = "Api";

    /// <summary>Larger bodies are refused with 400 <c>validation_failed</c>.</summary>
    [Range(1024, int.MaxValue)] public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>IP addresses of load balancers whose <c>X-Forwarded-For</c> / <c>-Proto</c> are believed.</summary>
    public List<string> TrustedProxies { get; set; } = [];

    public IEnumerable<IPAddress> TrustedProxyAddresses => TrustedProxies.Select(IPAddress.Parse);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < TrustedProxies.Count; i++)
            if (!AddressText.TryParseAddress(TrustedProxies[i], out _))
                yield return new ValidationResult($"Setting '{Section}:{nameof(TrustedProxies)}:{i}' holds '{TrustedProxies[i]}', which is not an IP address.", [nameof(TrustedProxies)]);
    }
}
