using System.Collections.Concurrent;

namespace Platform.Integration.Tests.Streaming;

/// <summary>What the probe grains received, per stream key, shared by the in-process silos and the test.</summary>
public static class StreamProbe
{
    public static ConcurrentDictionary<string, ConcurrentQueue<int>> Received { get; } = new();

    public static void Record(string stream, int item) => Received.GetOrAdd(stream, _ => new ConcurrentQueue<int>()).Enqueue(item);

    public static IReadOnlyList<int> Of(string stream) => Received.TryGetValue(stream, out var items) ? items.ToArray() : [];

    /// <summary>Streams whose key starts with this wait in their consumer until <see cref="Gate"/> opens.</summary>
    public const string GatedPrefix = "gated-";

    public static TaskCompletionSource Gate { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many deliveries of gated streams reached their consumer.</summary>
    public static int GatedArrivals;
}
