using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Testing;

/// <summary>
/// A certificate authority made in memory for a test run (EC P-256), and the node certificates
/// it issues, as the cluster's mutual TLS expects them; written out as PEM files when a test
/// needs them on disk. Nothing of this is kept in the repository.
/// </summary>
public sealed class TestCertificateAuthority
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private TestCertificateAuthority(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The CA's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public static TestCertificateAuthority Create(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return new TestCertificateAuthority(request.CreateSelfSigned(now.AddDays(-30), now.AddYears(1)));
    }

    /// <summary>A node certificate for server and client authentication, for localhost and 127.0.0.1.</summary>
    public X509Certificate2 Issue(string name, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication, ClientAuthentication], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(Certificate, notBefore ?? now.AddHours(-1), notAfter ?? now.AddDays(30), RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Writes the CA certificate (no key) as PEM; returns the path.</summary>
    public string WriteCertificate(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "ca.crt");
        File.WriteAllText(path, Certificate.ExportCertificatePem());
        return path;
    }

    /// <summary>Writes a certificate and its private key as PEM files; returns their paths.</summary>
    public static (string Certificate, string Key) WritePem(X509Certificate2 certificate, string directory, string name)
    {
        Directory.CreateDirectory(directory);
        var (certificatePath, keyPath) = (Path.Combine(directory, $"{name}.crt"), Path.Combine(directory, $"{name}.key"));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    /// <summary>
    /// <c>Orleans:Tls</c> settings for a node that presents <paramref name="node"/> and trusts this CA,
    /// with the files written under <paramref name="directory"/>; keys joined by <paramref name="separator"/>
    /// (<c>:</c> for configuration, <c>__</c> for environment variables).
    /// </summary>
    public Dictionary<string, string> NodeSettings(X509Certificate2 node, string directory, string separator = ":")
    {
        var (certificate, key) = WritePem(node, directory, $"node-{node.Thumbprint[..12]}");
        string Key(string name) => string.Join(separator, "Orleans", "Tls", name);
        return new Dictionary<string, string>
        {
            [Key("Enabled")] = "true",
            [Key("CertificatePath")] = certificate,
            [Key("KeyPath")] = key,
            [Key("CaPath")] = WriteCertificate(directory),
        };
    }
}
