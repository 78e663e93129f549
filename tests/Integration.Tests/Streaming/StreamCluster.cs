using Orleans.Hosting;
using Orleans.TestingHost;

namespace Platform.Integration.Tests.Streaming;

/// <summary>An in-process cluster whose silos and client are configured by the given configurators.</summary>
public static class StreamCluster
{
    public static async Task<TestCluster> DeployAsync<TSilo, TClient>(short silos)
        where TSilo : ISiloConfigurator, new()
        where TClient : IClientBuilderConfigurator, new()
    {
        var builder = new TestClusterBuilder(initialSilosCount: silos);
        builder.AddSiloBuilderConfigurator<TSilo>();
        builder.AddClientBuilderConfigurator<TClient>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public static async Task StopAsync(TestCluster? cluster)
    {
        if (cluster is null) return;
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }
}
