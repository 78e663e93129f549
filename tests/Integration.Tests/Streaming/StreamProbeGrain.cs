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
        await stream.SubscribeAsync(async (item, _) =>
        {
            var key = this.GetPrimaryKeyString();
            if (key.StartsWith(StreamProbe.GatedPrefix, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref StreamProbe.GatedArrivals);
                await StreamProbe.Gate.Task;
            }
            StreamProbe.Record(key, item);
        });
    }

    public Task Ping() => Task.CompletedTask;
}
