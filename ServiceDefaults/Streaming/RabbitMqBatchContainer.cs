using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace Platform.ServiceDefaults.Streaming;

/// <summary>
/// The events of one publish, as one broker message (serialized with the Orleans serializer).
/// The sequence token and the delivery tag are the receiver's, set after it read the message.
/// </summary>
[GenerateSerializer, Alias("Platform.RabbitMqBatchContainer")]
public sealed class RabbitMqBatchContainer : IBatchContainer
{
    [Id(0)] public StreamId StreamId { get; set; }
    [Id(1)] public List<object> Events { get; set; } = [];
    [Id(2)] public Dictionary<string, object>? RequestContext { get; set; }

    /// <summary>Set by the receiver: its own order of the messages it read.</summary>
    [NonSerialized] public EventSequenceTokenV2 Token = new(0);

    /// <summary>Set by the receiver: the delivery to acknowledge, on the channel of <see cref="ChannelGeneration"/>.</summary>
    [NonSerialized] internal ulong DeliveryTag;
    [NonSerialized] internal int ChannelGeneration;

    public StreamSequenceToken SequenceToken => Token;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Events.OfType<T>().Select((e, i) => Tuple.Create<T, StreamSequenceToken>(e, Token.CreateSequenceTokenForEvent(i)));

    public bool ImportRequestContext()
    {
        if (RequestContext is null) return false;
        RequestContextExtensions.Import(RequestContext);
        return true;
    }
}
