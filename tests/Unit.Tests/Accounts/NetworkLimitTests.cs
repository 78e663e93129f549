using Platform.Grains.Accounts;

namespace Platform.Unit.Tests.Accounts;

/// <summary>The counting rule behind login failures, wrong codes and code sends.</summary>
public sealed class NetworkLimitTests
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly NetworkLimit Limit = new(PerNetwork: 3, Ceiling: 5, Window: TimeSpan.FromMinutes(10));

    private static List<NetworkEvent> Events(params (int Minute, string Network)[] events) =>
        events.Select(e => new NetworkEvent(T0.AddMinutes(e.Minute), e.Network)).ToList();

    [Fact]
    public void One_network_is_stopped_at_its_limit_while_another_goes_on()
    {
        var events = Events((0, "a"), (1, "a"), (2, "a"));

        Assert.Equal(TimeSpan.FromMinutes(8), Limit.RetryAfter(events, "a", T0.AddMinutes(2)));
        Assert.Equal(TimeSpan.Zero, Limit.RetryAfter(events, "b", T0.AddMinutes(2)));
    }

    [Fact]
    public void The_ceiling_stops_every_network()
    {
        var events = Events((0, "a"), (1, "b"), (2, "c"), (3, "d"), (4, "e"));

        Assert.Equal(TimeSpan.FromMinutes(6), Limit.RetryAfter(events, "f", T0.AddMinutes(4)));
    }

    [Fact]
    public void Events_leave_the_window()
    {
        var events = Events((0, "a"), (1, "a"), (2, "a"));

        Assert.Equal(TimeSpan.Zero, Limit.RetryAfter(events, "a", T0.AddMinutes(10)));
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public void The_minimum_interval_counts_per_network()
    {
        var limit = Limit with { MinInterval = TimeSpan.FromSeconds(60) };
        var events = Events((0, "a"));

        Assert.Equal(TimeSpan.FromSeconds(30), limit.RetryAfter(events, "a", T0.AddSeconds(30)));
        Assert.Equal(TimeSpan.Zero, limit.RetryAfter(events, "b", T0.AddSeconds(30)));
    }

    [Fact]
    public void Recording_keeps_no_more_than_the_ceiling()
    {
        var events = new List<NetworkEvent>();
        for (var i = 0; i < 50; i++) Limit.Record(events, $"n{i}", T0.AddSeconds(i));

        Assert.Equal(5, events.Count);
        Assert.Equal("n49", events[^1].Network);
    }
}
