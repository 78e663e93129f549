using Orleans.Hosting;
using Orleans.Streams;
using Orleans.TestingHost;
using Platform.ServiceDefaults.Streaming;
using RabbitMQ.Client;

namespace Platform.Integration.Tests.Streaming;

/// <summary>
/// Two in-process silos and a client with the RabbitMQ stream provider on the test broker, under
/// queue names of their own (deleted at the end).
/// </summary>
public sealed class RabbitMqStreamFixture : IAsyncLifetime
{
    public const string Provider = "probe-streams";
    public const string Namespace = "probe";
    public const int QueueCount = 2;

    public static string Prefix { get; } = $"test.streams.{Guid.NewGuid():N}";

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await StreamCluster.DeployAsync<SiloConfigurator, ClientConfigurator>(silos: 2);

    public async Task DisposeAsync()
    {
        await StreamCluster.StopAsync(Cluster);
        await using var connection = await new ConnectionFactory { Uri = new Uri(TestServices.RabbitMq) }.CreateConnectionAsync("streams-test-cleanup");
        await using var channel = await connection.CreateChannelAsync();
        for (var i = 0; i < QueueCount; i++) await channel.QueueDeleteAsync($"{Prefix}.{i}");
        await channel.QueueDeleteAsync($"{Prefix}.dead");
        await channel.ExchangeDeleteAsync($"{Prefix}.dlx");
    }

    private static void Configure(RabbitMqStreamOptions options)
    {
        options.Uri = new Uri(TestServices.RabbitMq);
        options.QueuePrefix = Prefix;
        options.QueueCount = QueueCount;
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) =>
            silo.AddRabbitMqStreams(Provider, RabbitMqStreamFixture.Configure, stream => stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder client) =>
            client.AddRabbitMqStreams(Provider, RabbitMqStreamFixture.Configure, stream => stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
    }
}

[CollectionDefinition(Name)]
public sealed class RabbitMqStreamCollection : ICollectionFixture<RabbitMqStreamFixture>
{
    public const string Name = "rabbitmq streams";
}
