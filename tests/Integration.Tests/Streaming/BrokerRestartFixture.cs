using Orleans.Hosting;
using Orleans.Streams;
using Orleans.TestingHost;
using Platform.ServiceDefaults.Streaming;

namespace Platform.Integration.Tests.Streaming;

/// <summary>A silo and a client with the stream provider on a RabbitMQ node of their own, which the test restarts.</summary>
public sealed class BrokerRestartFixture : IAsyncLifetime
{
    private static Uri? _broker;

    public RabbitMqNode Broker { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Broker = await RabbitMqNode.StartAsync("restart");
        _broker = Broker.Uri;
        Cluster = await StreamCluster.DeployAsync<SiloConfigurator, ClientConfigurator>(silos: 1);
    }

    public async Task DisposeAsync()
    {
        await StreamCluster.StopAsync(Cluster);
        if (Broker is not null) await Broker.DisposeAsync();
    }

    private static void Configure(RabbitMqStreamOptions options)
    {
        options.Uri = _broker;
        options.QueuePrefix = "restart";
        options.QueueCount = 2;
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) =>
            silo.AddRabbitMqStreams(RabbitMqStreamFixture.Provider, BrokerRestartFixture.Configure, stream => stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder client) =>
            client.AddRabbitMqStreams(RabbitMqStreamFixture.Provider, BrokerRestartFixture.Configure, stream => stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
    }
}

[CollectionDefinition(Name)]
public sealed class BrokerRestartCollection : ICollectionFixture<BrokerRestartFixture>
{
    public const string Name = "rabbitmq streams across a broker restart";
}
