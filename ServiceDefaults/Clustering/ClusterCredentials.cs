using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Platform.ServiceDefaults.Clustering;

/// <summary>
/// This node's certificate and the cluster's CA, loaded from <see cref="ClusterTlsOptions"/>, and
/// the one rule for a peer: its certificate chains to that CA.
/// </summary>
public sealed class ClusterCredentials(X509Certificate2 certificate, X509Certificate2Collection authorities)
{
    public X509Certificate2 Certificate { get; } = certificate;

    public X509Certificate2Collection Authorities { get; } = authorities;

    /// <summary>
    /// The peer's certificate chains, at this moment, to one of <see cref="Authorities"/>, and to
    /// nothing else: the operating system's roots are not consulted. The host name is not compared:
    /// silos advertise addresses (container IPs) that no certificate could list in advance, and only
    /// the cluster's own CA issues certificates for its nodes.
    /// </summary>
    public bool Trusts(X509Certificate2 peer, X509Chain? presented)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        // Intermediates the peer sent along may complete the chain; they cannot make it trusted.
        if (presented is not null)
            foreach (var element in presented.ChainElements)
                if (!element.Certificate.Equals(peer)) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        return chain.Build(peer);
    }

    /// <summary>Reads the files <paramref name="options"/> names; a file that cannot be read stops the process with the key's name.</summary>
    public static ClusterCredentials Load(ClusterTlsOptions options)
    {
        var section = ClusterTlsOptions.Section;
        X509Certificate2 certificate;
        try
        {
            certificate = LoadCertificate(options.CertificatePath!, options.KeyPath, options.Password);
        }
        catch (Exception e) when (e is CryptographicException or IOException or ArgumentException)
        {
            throw new InvalidOperationException($"Setting '{section}:CertificatePath' ('{options.CertificatePath}'): the certificate and its private key could not be read ({e.Message}). Check {section}:KeyPath and {section}:Password.", e);
        }
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"Setting '{section}:CertificatePath' ('{options.CertificatePath}') holds no private key; set {section}:KeyPath to the PEM key file.");

        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(options.CaPath!);
        }
        catch (Exception e) when (e is CryptographicException or IOException)
        {
            throw new InvalidOperationException($"Setting '{section}:CaPath' ('{options.CaPath}') could not be read as PEM certificates ({e.Message}).", e);
        }
        if (authorities.Count == 0)
            throw new InvalidOperationException($"Setting '{section}:CaPath' ('{options.CaPath}') holds no PEM certificate.");

        var credentials = new ClusterCredentials(certificate, authorities);
        if (!credentials.Trusts(certificate, null))
            throw new InvalidOperationException($"The certificate of '{section}:CertificatePath' does not chain to the CA of '{section}:CaPath' (or has expired): the other nodes would refuse it.");
        return credentials;
    }

    private static X509Certificate2 LoadCertificate(string path, string? keyPath, string? password)
    {
        if (Path.GetExtension(path).ToLowerInvariant() is ".pfx" or ".p12")
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        using var pem = string.IsNullOrEmpty(password)
            ? X509Certificate2.CreateFromPemFile(path, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
        // A PEM key is ephemeral; SslStream on Windows needs it in PKCS#12 form (harmless elsewhere).
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
