using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Platform.ServiceDefaults.Configuration;

namespace Platform.ServiceDefaults.Clustering;

/// <summary>
/// Orleans on PostgreSQL, as silos and API nodes both need it: the cluster's ids from
/// <c>Orleans:*</c>, membership in the database of <c>ConnectionStrings:Postgres</c>, and mutual
/// TLS between the nodes when <c>Orleans:Tls</c> is on (<see cref="ClusterTls"/>).
/// </summary>
public static class PostgresCluster
{
    /// <summary>The ADO.NET invariant of Npgsql, which the Orleans providers look up.</summary>
    public const string AdoNetInvariant = "Npgsql";

    /// <summary>Points an Orleans ADO.NET provider's options at the platform's database.</summary>
    public static OptionsBuilder<T> UsePlatformDatabase<T>(this OptionsBuilder<T> options, Action<T, string> set) where T : class =>
        options.Configure<IOptions<ConnectionStringsOptions>>((o, connections) => set(o, connections.Value.Postgres!));

    public static ISiloBuilder UsePostgresCluster(this ISiloBuilder silo)
    {
        AddClusterSettings(silo.Services);
        silo.UseClusterTls();
        silo.UseAdoNetClustering(o => o.UsePlatformDatabase((c, db) => (c.Invariant, c.ConnectionString) = (AdoNetInvariant, db)));
        silo.Services.AddOptions<EndpointOptions>().Configure<IOptions<OrleansOptions>>((endpoints, orleans) =>
        {
            var o = orleans.Value;
            endpoints.SiloPort = o.SiloPort;
            endpoints.GatewayPort = o.GatewayPort;
            if (o.AdvertisedAddress is { } advertised) endpoints.AdvertisedIPAddress = advertised;
            // Without TLS the silo and gateway ports have no authentication: a loopback silo listens on
            // loopback only (and outside Development one reachable from elsewhere must use TLS).
            if (o.AdvertisedAddress is not { } address || !IPAddress.IsLoopback(address))
            {
                endpoints.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, o.SiloPort);
                endpoints.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, o.GatewayPort);
            }
        });
        return silo;
    }

    public static IClientBuilder UsePostgresCluster(this IClientBuilder client)
    {
        AddClusterSettings(client.Services);
        client.UseClusterTls();
        client.UseAdoNetClustering(o => o.UsePlatformDatabase((c, db) => (c.Invariant, c.ConnectionString) = (AdoNetInvariant, db)));
        return client;
    }

    private static void AddClusterSettings(IServiceCollection services)
    {
        services.AddSettings<ConnectionStringsOptions>(ConnectionStringsOptions.Section);
        services.AddSettings<OrleansOptions>(OrleansOptions.Section);
        services.AddOptions<ClusterOptions>().Configure<IOptions<OrleansOptions>>((cluster, orleans) =>
        {
            cluster.ClusterId = orleans.Value.ClusterId;
            cluster.ServiceId = orleans.Value.ServiceId;
        });
    }
}
