using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Connections.Security;
using Platform.ServiceDefaults.Clustering;
using Platform.Silo.Database;

namespace Platform.Integration.Tests;

/// <summary>
/// Silos with <c>Orleans:Tls</c> on, as the platform wires them (<see cref="PostgresCluster"/>), on real
/// PostgreSQL: silos join each other and clients reach the gateway over mutual TLS with certificates of
/// the cluster's CA; a client without a certificate, or with one from another CA, is refused.
/// </summary>
public sealed class ClusterTlsTests : IAsyncLifetime
{
    private static readonly TimeSpan ClientStartLimit = TimeSpan.FromSeconds(30);

    private readonly TestCertificateAuthority _cluster = TestCertificateAuthority.Create("Platform cluster CA (test)");
    private readonly string _directory = Directory.CreateTempSubdirectory("cluster-tls-").FullName;
    private readonly string _clusterId = $"tls-{Guid.NewGuid():N}";
    private readonly List<IHost> _hosts = [];
    private readonly FailedHandshakes _handshakes = new();
    private string _database = "";

    public async Task InitializeAsync()
    {
        _database = await TestServices.CreateDatabaseAsync("tls");
        await new DatabaseMigrator(_database, NullLogger.Instance).MigrateAsync();
        await StartSiloAsync();
    }

    [Fact]
    public async Task A_client_with_a_certificate_of_the_cluster_ca_calls_grains()
    {
        var client = await StartClientAsync(NodeSettings(_cluster.Issue("api-node")));
        var hosts = await client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.Single(hosts);
    }

    [Fact]
    public async Task A_second_silo_joins_over_tls()
    {
        await StartSiloAsync();
        var client = await StartClientAsync(NodeSettings(_cluster.Issue("api-node")));
        var management = client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        await Eventually.Async(async () => (await management.GetHosts(onlyActive: true)).Count == 2, TimeSpan.FromSeconds(30), "the second silo never became active");
    }

    [Fact]
    public async Task A_client_without_a_certificate_is_refused() =>
        await AssertRefusedAsync(Side.Silo, tls =>
        {
            tls.ClientCertificateMode = RemoteCertificateMode.AllowCertificate; // it has none to present
            tls.RemoteCertificateValidation = (certificate, chain, _) => Trusting(_cluster).Trusts(certificate, chain);
        });

    [Fact]
    public async Task A_client_with_a_certificate_of_another_ca_is_refused()
    {
        // It trusts the silo (our CA), so only the silo's judgement of its certificate can stop it.
        var foreign = TestCertificateAuthority.Create("Someone else's CA").Issue("intruder");
        await AssertRefusedAsync(Side.Silo, tls => ClusterTls.Require(tls, new ClusterCredentials(foreign, [_cluster.Certificate])));
    }

    [Fact]
    public async Task A_client_without_tls_is_refused() => await AssertRefusedAsync(Side.Silo, configureTls: null);

    [Fact]
    public async Task A_client_refuses_a_gateway_whose_certificate_its_ca_did_not_issue()
    {
        var other = TestCertificateAuthority.Create("Someone else's CA");
        await AssertRefusedAsync(Side.Client, tls => ClusterTls.Require(tls, new ClusterCredentials(other.Issue("api-node"), [other.Certificate])));
    }

    private enum Side { Silo, Client }

    /// <summary>
    /// Starts a client and waits until the handshake is refused on <paramref name="refusedBy"/>'s side
    /// (the client keeps retrying, so its start never ends by itself); then the start is called off and
    /// must not have succeeded.
    /// </summary>
    private async Task AssertRefusedAsync(Side refusedBy, Action<TlsOptions>? configureTls)
    {
        using var host = BuildClient(new Dictionary<string, string>(), configureTls);
        using var cancel = new CancellationTokenSource();
        var start = host.StartAsync(cancel.Token);
        var middleware = refusedBy == Side.Silo ? "TlsServerConnectionMiddleware" : "TlsClientConnectionMiddleware";
        await Eventually.Async(() => Task.FromResult(start.IsCompleted || _handshakes.Any(middleware)), ClientStartLimit, $"no handshake was refused by the {refusedBy}");
        Assert.False(start.IsCompletedSuccessfully, "The client connected to the gateway.");
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<Exception>(() => start.WaitAsync(ClientStartLimit));
    }

    private static ClusterCredentials Trusting(TestCertificateAuthority authority) => new(authority.Certificate, [authority.Certificate]);

    private Dictionary<string, string> NodeSettings(X509Certificate2 node) =>
        _cluster.NodeSettings(node, Path.Combine(_directory, Guid.NewGuid().ToString("N")));

    private Dictionary<string, string?> Common() => new()
    {
        ["ConnectionStrings:Postgres"] = _database,
        ["Orleans:ClusterId"] = _clusterId,
        ["Orleans:ServiceId"] = _clusterId,
    };

    private async Task StartSiloAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(Common());
        builder.Configuration.AddInMemoryCollection(NodeSettings(_cluster.Issue("silo"))!);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddProvider(_handshakes);
        builder.UseOrleans(silo => silo.UsePostgresCluster());
        var host = builder.Build();
        _hosts.Add(host);
        await host.StartAsync();
    }

    private async Task<IHost> StartClientAsync(Dictionary<string, string> tls)
    {
        var host = BuildClient(tls, configureTls: null);
        _hosts.Add(host);
        await host.StartAsync().WaitAsync(ClientStartLimit);
        return host;
    }

    /// <summary>A client as the API wires it; <paramref name="configureTls"/> stands in for a client that does TLS its own way.</summary>
    private IHost BuildClient(Dictionary<string, string> settings, Action<TlsOptions>? configureTls)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(Common());
        builder.Configuration.AddInMemoryCollection(settings!);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddProvider(_handshakes);
        builder.UseOrleansClient(client =>
        {
            client.UsePostgresCluster();
            if (configureTls is not null) client.UseTls(configureTls);
        });
        return builder.Build();
    }

    public async Task DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            try
            {
                await host.StopAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception)
            {
                // A client that never connected may fail to stop cleanly; the silo matters.
            }
            host.Dispose();
        }
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Failed TLS handshakes, as Orleans' TLS middleware logs them (a warning with the exception).</summary>
    private sealed class FailedHandshakes : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _seen = new();

        public bool Any(string middleware) => _seen.Any(category => category.EndsWith(middleware, StringComparison.Ordinal));

        public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _seen);

        public void Dispose() { }

        private sealed class Recorder(string category, System.Collections.Concurrent.ConcurrentQueue<string> seen) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && category.StartsWith("Orleans.Connections.Security", StringComparison.Ordinal);

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel) && exception is not null) seen.Enqueue(category);
            }
        }
    }
}
