using Microsoft.Extensions.Options;
using Platform.Grains.Accounts;

namespace Platform.Unit.Tests.Accounts;

/// <summary>A silo keeps at most so many address grains active for their counts.</summary>
public sealed class PinnedAddressesTests
{
    [Fact]
    public void Pins_stop_at_the_capacity_and_come_back_when_released()
    {
        var pinned = new PinnedAddresses(Options.Create(new AuthRules { MaxPinnedAddressesPerSilo = 2 }));

        Assert.True(pinned.TryPin());
        Assert.True(pinned.TryPin());
        Assert.False(pinned.TryPin());
        Assert.Equal(2, pinned.Count);

        pinned.Unpin();
        Assert.True(pinned.TryPin());
    }
}
