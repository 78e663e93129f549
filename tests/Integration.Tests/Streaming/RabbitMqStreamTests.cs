using Orleans.Streams;

namespace Platform.Integration.Tests.Streaming;

/// <summary>The RabbitMQ-backed persistent stream provider against the real broker (issue 7).</summary>
[Collection(RabbitMqStreamCollection.Name)]
public sealed class RabbitMqStreamTests(RabbitMqStreamFixture fixture)
{
    private IAsyncStream<int> Stream(string key) =>
        fixture.Cluster.Client.GetStreamProvider(RabbitMqStreamFixture.Provider).GetStream<int>(StreamId.Create(RabbitMqStreamFixture.Namespace, key));

    private static async Task PublishAsync(IAsyncStream<int> stream, int from, int count)
    {
        for (var i = from; i < from + count; i++) await stream.OnNextAsync(i);
    }

    private static IEnumerable<int> WithoutRepeats(IReadOnlyList<int> items) => items.Where((item, i) => i == 0 || items[i - 1] != item);

    [Fact]
    public async Task Every_event_arrives_in_order_per_stream()
    {
        var keys = Enumerable.Range(0, 6).Select(i => $"order-{i}-{Guid.NewGuid():N}").ToArray();

        // Streams concurrently, each stream's events one after another (each publish confirmed).
        await Task.WhenAll(keys.Select(key => PublishAsync(Stream(key), 0, 40)));

        await Eventually.Async(() => Task.FromResult(keys.All(k => StreamProbe.Of(k).Count >= 40)), TimeSpan.FromSeconds(60),
            $"not every event arrived: {string.Join(", ", keys.Select(k => StreamProbe.Of(k).Count))}");
        // At least once: a queue handed between silos at start may deliver a message again, right
        // after itself; order and completeness are what must hold.
        foreach (var key in keys) Assert.Equal(Enumerable.Range(0, 40), WithoutRepeats(StreamProbe.Of(key)));
    }

    [Fact]
    public async Task Streams_go_on_after_a_silo_stops()
    {
        var keys = Enumerable.Range(0, 4).Select(i => $"stop-{i}-{Guid.NewGuid():N}").ToArray();
        await Task.WhenAll(keys.Select(key => PublishAsync(Stream(key), 0, 10)));
        await Eventually.Async(() => Task.FromResult(keys.All(k => StreamProbe.Of(k).Count >= 10)), TimeSpan.FromSeconds(60), "the first events did not arrive");

        // The queues this silo read move to the other one.
        var secondary = fixture.Cluster.SecondarySilos.FirstOrDefault();
        if (secondary is not null) await fixture.Cluster.StopSiloAsync(secondary);
        await Task.WhenAll(keys.Select(key => PublishAsync(Stream(key), 10, 10)));

        await Eventually.Async(() => Task.FromResult(keys.All(k => StreamProbe.Of(k).Distinct().Count() >= 20)), TimeSpan.FromSeconds(90),
            $"events after the stop did not all arrive: {string.Join(", ", keys.Select(k => StreamProbe.Of(k).Distinct().Count()))}");
        foreach (var key in keys) Assert.Equal(Enumerable.Range(0, 20), StreamProbe.Of(key).Distinct().Order());
    }
}
