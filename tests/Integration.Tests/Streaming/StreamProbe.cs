using System.Collections.Concurrent;

namespace Platform.Integration.Tests.Streaming;

/// <summary>What the probe grains received, per stream key, shared by the in-process silos and the test.</summary>
public static class StreamProbe
{
    public static ConcurrentDictionary<string, ConcurrentQueue<int>> Received { get; } = new();

    public static void Record(string stream, int item) => Received.GetOrAdd(stream, _ => new ConcurrentQueue<int>()).Enqueue(item);

    public static IReadOnlyList<int> Of(string stream) => Received.TryGetValue(stream, out var items) ? items.ToArray() : [];
}
