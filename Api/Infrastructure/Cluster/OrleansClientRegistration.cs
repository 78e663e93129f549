using Platform.ServiceDefaults.Clustering;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Api.Infrastructure.Cluster;

public static class OrleansClientRegistration
{
    /// <summary>The API node is an Orleans client that finds the silos' gateways in the membership table.</summary>
    public static WebApplicationBuilder AddOrleansClient(this WebApplicationBuilder builder)
    {
        builder.UseOrleansClient(client => client
            .UsePostgresCluster()
            .AddPlatformTracing(builder.Configuration)
            .UseConnectionRetryFilter<WaitForClusterRetryFilter>());
        return builder;
    }
}
