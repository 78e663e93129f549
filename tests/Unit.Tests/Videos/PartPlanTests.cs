using Platform.Api.Videos.Multipart;

namespace Platform.Unit.Tests.Videos;

/// <summary>How a file is cut into parts for a resumable upload.</summary>
public sealed class PartPlanTests
{
    private const long MiB = 1024 * 1024;
    private static readonly MultipartOptions Defaults = new();

    [Theory]
    [InlineData(1L, 16 * MiB, 1)]
    [InlineData(16 * MiB, 16 * MiB, 1)]
    [InlineData(16 * MiB + 1, 16 * MiB, 2)]
    [InlineData(100 * MiB, 16 * MiB, 7)]
    [InlineData(2L * 1024 * MiB, 16 * MiB, 128)]
    public void Parts_have_the_configured_size_and_the_last_one_the_rest(long size, long partSize, int count)
    {
        var plan = PartPlan.For(size, Defaults);

        Assert.Equal((partSize, count), (plan.PartSize, plan.PartCount));
        Assert.Equal(size, Enumerable.Range(1, plan.PartCount).Sum(plan.SizeOf));
        Assert.InRange(plan.SizeOf(plan.PartCount), 1, plan.PartSize);
    }

    [Fact]
    public void A_file_that_would_need_too_many_parts_gets_larger_parts_in_whole_MiB()
    {
        var plan = PartPlan.For(5L * 1024 * MiB, new MultipartOptions { PartBytes = 5 * MiB, MaxParts = 100 });

        Assert.Equal(52 * MiB, plan.PartSize); // 51.2 MiB, rounded up
        Assert.Equal(99, plan.PartCount);
        Assert.True(plan.PartCount <= 100);
    }

    [Fact]
    public void Only_the_numbers_of_the_plan_are_parts()
    {
        var plan = PartPlan.For(33 * MiB, Defaults);

        Assert.Equal((false, true, true, false), (plan.Has(0), plan.Has(1), plan.Has(3), plan.Has(4)));
    }
}
