using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Clustering;
using Platform.Testing;

namespace Platform.Unit.Tests.Infrastructure;

/// <summary>Mutual TLS of the cluster: a peer is trusted when its certificate chains to the cluster's CA, and only then.</summary>
public sealed class ClusterTlsTests : IDisposable
{
    private static readonly TestCertificateAuthority Cluster = TestCertificateAuthority.Create("Platform test cluster CA");
    private readonly string _directory = Directory.CreateTempSubdirectory("cluster-tls-").FullName;

    private static ClusterCredentials Credentials() => new(Cluster.Issue("node-a"), [Cluster.Certificate]);

    [Fact]
    public void A_node_certificate_from_the_cluster_ca_is_trusted() =>
        Assert.True(Credentials().Trusts(Cluster.Issue("node-b"), null));

    [Fact]
    public void A_certificate_from_another_ca_is_refused() =>
        Assert.False(Credentials().Trusts(TestCertificateAuthority.Create("Someone else's CA").Issue("node-b"), null));

    [Fact]
    public void A_certificate_from_an_impostor_ca_with_the_same_name_is_refused() =>
        Assert.False(Credentials().Trusts(TestCertificateAuthority.Create("Platform test cluster CA").Issue("node-b"), null));

    [Fact]
    public void A_self_signed_certificate_is_refused()
    {
        var impostor = TestCertificateAuthority.Create("node-b").Certificate;
        Assert.False(Credentials().Trusts(impostor, null));
    }

    [Fact]
    public void An_expired_certificate_from_the_cluster_ca_is_refused()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.False(Credentials().Trusts(Cluster.Issue("node-b", now.AddDays(-10), now.AddDays(-1)), null));
    }

    [Fact]
    public void Intermediates_the_peer_sends_cannot_make_an_untrusted_certificate_trusted()
    {
        var other = TestCertificateAuthority.Create("Someone else's CA");
        var peer = other.Issue("node-b");
        using var presented = new X509Chain();
        presented.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        presented.ChainPolicy.CustomTrustStore.Add(other.Certificate);
        presented.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(presented.Build(peer));
        Assert.False(Credentials().Trusts(peer, presented));
    }

    [Fact]
    public void Enabled_tls_requires_the_certificate_and_the_ca_naming_the_keys()
    {
        var errors = Validate(new ClusterTlsOptions { Enabled = true });
        Assert.Contains(errors, e => e.Contains("Orleans:Tls:CertificatePath"));
        Assert.Contains(errors, e => e.Contains("Orleans:Tls:CaPath"));
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var errors = Validate(new ClusterTlsOptions { Enabled = true, CertificatePath = Path.Combine(_directory, "absent.pfx"), CaPath = Path.Combine(_directory, "absent.crt") });
        Assert.Contains(errors, e => e.Contains("Orleans:Tls:CertificatePath") && e.Contains("absent.pfx"));
    }

    [Fact]
    public void Disabled_tls_needs_no_files() => Assert.Empty(Validate(new ClusterTlsOptions()));

    [Fact]
    public void Pem_files_load_as_this_nodes_credentials()
    {
        var (certificate, key) = TestCertificateAuthority.WritePem(Cluster.Issue("node-a"), _directory, "node");
        var credentials = ClusterCredentials.Load(new ClusterTlsOptions { Enabled = true, CertificatePath = certificate, KeyPath = key, CaPath = Cluster.WriteCertificate(_directory) });
        Assert.True(credentials.Certificate.HasPrivateKey);
        Assert.Equal(Cluster.Certificate.Thumbprint, Assert.Single(credentials.Authorities).Thumbprint);
    }

    [Fact]
    public void A_pkcs12_file_loads_with_its_password_and_a_wrong_password_names_the_setting()
    {
        var path = Path.Combine(_directory, "node.pfx");
        File.WriteAllBytes(path, Cluster.Issue("node-a").Export(X509ContentType.Pkcs12, "s3cret"));
        var options = new ClusterTlsOptions { Enabled = true, CertificatePath = path, Password = "s3cret", CaPath = Cluster.WriteCertificate(_directory) };
        Assert.True(ClusterCredentials.Load(options).Certificate.HasPrivateKey);

        options.Password = "wrong";
        var refused = Assert.Throws<InvalidOperationException>(() => ClusterCredentials.Load(options));
        Assert.Contains("Orleans:Tls:CertificatePath", refused.Message);
    }

    [Fact]
    public void A_node_certificate_the_configured_ca_did_not_issue_is_refused_at_start()
    {
        var (certificate, key) = TestCertificateAuthority.WritePem(TestCertificateAuthority.Create("Someone else's CA").Issue("node-a"), _directory, "node");
        var refused = Assert.Throws<InvalidOperationException>(() =>
            ClusterCredentials.Load(new ClusterTlsOptions { Enabled = true, CertificatePath = certificate, KeyPath = key, CaPath = Cluster.WriteCertificate(_directory) }));
        Assert.Contains("Orleans:Tls:CaPath", refused.Message);
    }

    [Theory]
    [InlineData("Production", null, false, false)]        // the host's address: reachable from elsewhere
    [InlineData("Production", "10.0.0.5", false, false)]
    [InlineData("Staging", "10.0.0.5", false, false)]
    [InlineData("Production", "127.0.0.1", false, true)]  // listens on loopback only
    [InlineData("Production", "::1", false, true)]
    [InlineData("Production", "10.0.0.5", true, true)]
    [InlineData("Development", "10.0.0.5", false, true)]
    public void Outside_development_a_silo_reachable_from_other_machines_must_use_tls(string environment, string? advertised, bool tls, bool accepted)
    {
        var validator = new ClusterTlsOptionsValidator(new FakeHostEnvironment(environment), Options.Create(new OrleansOptions { AdvertisedIP = advertised }));
        var result = validator.Validate(null, new ClusterTlsOptions { Enabled = tls });
        Assert.Equal(accepted, result.Succeeded);
        if (!accepted) Assert.Contains("Orleans:Tls:Enabled", result.FailureMessage);
    }

    private static List<string> Validate(ClusterTlsOptions options) =>
        options.Validate(new ValidationContext(options)).Select(r => r.ErrorMessage!).ToList();

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
