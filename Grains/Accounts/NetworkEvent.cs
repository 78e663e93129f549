namespace Platform.Grains.Accounts;

/// <summary>When something counted happened, and from which client network (an opaque key, not an address).</summary>
[GenerateSerializer, Alias("NetworkEvent")]
public readonly record struct NetworkEvent([property: Id(0)] DateTimeOffset At, [property: Id(1)] string Network);
