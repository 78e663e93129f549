using System.ComponentModel.DataAnnotations;

namespace Platform.ServiceDefaults.Clustering;

/// <summary>
/// Mutual TLS between silos and from clients (API nodes) to gateways (<c>Orleans:Tls:*</c>). Every
/// node presents a certificate issued by the cluster's own CA and accepts only peers whose
/// certificate chains to that CA; the operating system's trust store plays no part.
/// </summary>
public sealed class ClusterTlsOptions : IValidatableObject
{
    public const string Section = "Orleans:Tls";

    public bool Enabled { get; set; }

    /// <summary>This node's certificate: a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>) or PEM, with the key in it or in <see cref="KeyPath"/>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key, when <see cref="CertificatePath"/> is a PEM file without it.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The PKCS#12 password, or the password of an encrypted PEM key.</summary>
    public string? Password { get; set; }

    /// <summary>PEM file of the CA certificate(s) peers must chain to; several (old and new) while a CA is rotated.</summary>
    public string? CaPath { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        foreach (var (value, name, required) in new[] { (CertificatePath, nameof(CertificatePath), true), (CaPath, nameof(CaPath), true), (KeyPath, nameof(KeyPath), false) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                if (required)
                    yield return new ValidationResult($"Setting '{Section}:{name}' is required when {Section}:Enabled is true.", [name]);
            }
            else if (!File.Exists(value))
            {
                yield return new ValidationResult($"Setting '{Section}:{name}' names '{value}', which is not a readable file.", [name]);
            }
        }
    }
}
