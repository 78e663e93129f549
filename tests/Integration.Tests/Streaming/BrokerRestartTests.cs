using Orleans.Streams;

namespace Platform.Integration.Tests.Streaming;

/// <summary>Nothing published is lost when the broker restarts while consumers hold messages (issue 7).</summary>
[Collection(BrokerRestartCollection.Name)]
public sealed class BrokerRestartTests(BrokerRestartFixture fixture)
{
    private IAsyncStream<int> Stream(string key) =>
        fixture.Cluster.Client.GetStreamProvider(RabbitMqStreamFixture.Provider).GetStream<int>(StreamId.Create(RabbitMqStreamFixture.Namespace, key));

    [Fact]
    public async Task Nothing_is_lost_across_a_broker_restart()
    {
        StreamProbe.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref StreamProbe.GatedArrivals, 0);
        var keys = Enumerable.Range(0, 4).Select(i => $"{StreamProbe.GatedPrefix}{i}-{Guid.NewGuid():N}").ToArray();
        foreach (var key in keys)
            for (var i = 0; i < 10; i++) await Stream(key).OnNextAsync(i);
        // Consumers hold the first messages; the rest wait in the queues or the prefetch.
        await Eventually.Async(() => Task.FromResult(Volatile.Read(ref StreamProbe.GatedArrivals) >= 1), TimeSpan.FromSeconds(30), "no message reached a consumer");

        await fixture.Broker.StopAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => Stream(keys[0]).OnNextAsync(99));
        await fixture.Broker.StartAgainAsync();
        StreamProbe.Gate.SetResult();

        // Publishing works again once the provider reconnected.
        await Eventually.Async(async () =>
        {
            try { foreach (var key in keys) await Stream(key).OnNextAsync(10); return true; }
            catch (Exception) { return false; }
        }, TimeSpan.FromSeconds(60), "publishing did not recover after the broker restart");

        await Eventually.Async(() => Task.FromResult(keys.All(k => StreamProbe.Of(k).Distinct().Count(i => i <= 10) >= 11)), TimeSpan.FromSeconds(90),
            $"messages were lost: {string.Join(", ", keys.Select(k => StreamProbe.Of(k).Distinct().Count()))} of 11 per stream");
    }
}
