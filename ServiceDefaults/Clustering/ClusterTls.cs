using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Connections.Security;
using Platform.ServiceDefaults.Configuration;

namespace Platform.ServiceDefaults.Clustering;

/// <summary>
/// Mutual TLS on the silo and gateway ports when <c>Orleans:Tls:Enabled</c> (see
/// <see cref="ClusterTlsOptions"/>): silo-to-silo and client-to-gateway connections both present
/// and require a certificate from the cluster's CA.
/// </summary>
public static class ClusterTls
{
    /// <summary>TLS for the silo's inbound (silo and gateway) and outbound (silo) connections.</summary>
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo)
    {
        silo.Services.AddSettings<ClusterTlsOptions>(ClusterTlsOptions.Section);
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterTlsOptions>, ClusterTlsOptionsValidator>());
        if (LoadIfEnabled(silo.Configuration) is { } credentials) silo.UseTls(tls => Require(tls, credentials));
        return silo;
    }

    /// <summary>TLS for the client's connections to gateways.</summary>
    public static IClientBuilder UseClusterTls(this IClientBuilder client)
    {
        client.Services.AddSettings<ClusterTlsOptions>(ClusterTlsOptions.Section);
        if (LoadIfEnabled(client.Configuration) is { } credentials) client.UseTls(tls => Require(tls, credentials));
        return client;
    }

    /// <summary>Both directions: present our certificate, demand the peer's, and judge it by our CA alone.</summary>
    public static void Require(TlsOptions tls, ClusterCredentials credentials)
    {
        tls.LocalCertificate = credentials.Certificate;
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.RemoteCertificateValidation = (certificate, chain, _) => credentials.Trusts(certificate, chain);
    }

    // Orleans takes the certificate while the host is built, before options are validated at
    // start: read the same section here, and stop at once when it is incomplete, so a node meant
    // to use TLS never opens a port without it.
    private static ClusterCredentials? LoadIfEnabled(IConfiguration configuration)
    {
        var options = configuration.GetSection(ClusterTlsOptions.Section).Get<ClusterTlsOptions>() ?? new ClusterTlsOptions();
        if (!options.Enabled) return null;
        var problems = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(r => r.ErrorMessage).ToList();
        if (problems.Count > 0) throw new OptionsValidationException(ClusterTlsOptions.Section, typeof(ClusterTlsOptions), problems!);
        return ClusterCredentials.Load(options);
    }
}
