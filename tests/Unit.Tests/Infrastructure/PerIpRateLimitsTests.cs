using System.Threading.RateLimiting;
using Platform.Api.Infrastructure.RateLimiting;

namespace Platform.Unit.Tests.Infrastructure;

/// <summary>The per-IP limits slide: an allowance spent at the end of a window is not back at the start of the next.</summary>
public sealed class PerIpRateLimitsTests
{
    [Fact]
    public void An_allowance_spent_is_not_back_when_a_fixed_window_would_have_reset()
    {
        using var limiter = new SlidingWindowRateLimiter(PerIpRateLimits.WindowOptions(4, TimeSpan.FromMinutes(1), autoReplenishment: false));
        for (var i = 0; i < 4; i++) Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.False(limiter.AttemptAcquire().IsAcquired);

        // One segment later (a fixed window would have started afresh here) the four are still counted.
        limiter.TryReplenish();
        Assert.False(limiter.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public void The_window_is_cut_in_segments_and_queues_nothing()
    {
        var options = PerIpRateLimits.WindowOptions(30, TimeSpan.FromMinutes(1));
        Assert.Equal(PerIpRateLimits.SegmentsPerWindow, options.SegmentsPerWindow);
        Assert.True(options.SegmentsPerWindow > 1);
        Assert.Equal(0, options.QueueLimit);
        Assert.True(options.AutoReplenishment);
    }
}
