using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Platform.Api.Infrastructure.Errors;
using Platform.Api.Infrastructure.Logging;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Api.Infrastructure.RateLimiting;

/// <summary>Per-client-IP limits (<c>RateLimits:*</c>); features add named policies with <see cref="AddPerIpPolicy"/>.</summary>
public static class PerIpRateLimits
{
    public static IServiceCollection AddPerIpRateLimits(this IServiceCollection services)
    {
        services.AddSettings<RateLimitOptions>(RateLimitOptions.Section);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, _) =>
            {
                // The sliding window names no retry time: a segment is how long it takes to move.
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var r) ? r
                    : context.HttpContext.Items[SegmentKey] as TimeSpan?;
                RequestLogging.MarkRoutineRefusal(context.HttpContext);
                await ApiProblems.RateLimited(context.HttpContext, retryAfter).ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    /// <summary>A sliding-window policy per client IP whose permits and window come from <see cref="RateLimitOptions"/>.</summary>
    public static IServiceCollection AddPerIpPolicy(this IServiceCollection services, string policy, Func<RateLimitOptions, (int Permits, TimeSpan Window)> pick) =>
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(policy, context =>
        {
            var (permits, window) = pick(context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value);
            context.Items[SegmentKey] = window / SegmentsPerWindow;
            return RateLimitPartition.GetSlidingWindowLimiter(ClientIpKey.For(context.Connection.RemoteIpAddress), _ => WindowOptions(permits, window));
        }));

    /// <summary>
    /// A sliding window of six segments: a fixed window lets a client spend its allowance at the
    /// end of one window and again at the start of the next, twice the limit in a moment.
    /// </summary>
    public static SlidingWindowRateLimiterOptions WindowOptions(int permits, TimeSpan window, bool autoReplenishment = true) => new()
    {
        PermitLimit = permits,
        Window = window,
        SegmentsPerWindow = SegmentsPerWindow,
        QueueLimit = 0,
        AutoReplenishment = autoReplenishment,
    };

    public const int SegmentsPerWindow = 6;

    private static readonly object SegmentKey = new();
}
