using Orleans.Streams;

namespace Platform.Integration.Tests.Streaming;

public interface IStreamProbeGrain : IGrainWithStringKey
{
    Task Ping();
}

/// <summary>Subscribed implicitly to the probe namespace: records every item it is given.</summary>
[ImplicitStreamSubscription(RabbitMqStreamFixture.Namespace)]
public sealed class StreamProbeGrain : Grain, IStreamProbeGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(RabbitMqStreamFixture.Provider)
            .GetStream<int>(StreamId.Create(RabbitMqStreamFixture.Namespace, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync((item, _) =>
        {
            StreamProbe.Record(this.GetPrimaryKeyString(), item);
            return Task.CompletedTask;
        });
    }

    public Task Ping() => Task.CompletedTask;
}
