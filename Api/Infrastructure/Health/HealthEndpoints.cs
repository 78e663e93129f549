using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Api.Infrastructure.Health;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (every dependency answers).</summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddReadinessChecks(this IServiceCollection services)
    {
        services.AddOptions<ConnectionStringsOptions>().Validate(c => c.RabbitMq is not null,
            "Set ConnectionStrings:RabbitMq (environment variable ConnectionStrings__RabbitMq), e.g. amqp://user:pass@rabbitmq:5672/.");
        services.AddSingleton<RabbitMqReadiness>();
        services.AddSingleton<ReadinessReport>();
        services.AddHealthChecks()
            .AddCheck<PostgresReadiness>("postgres", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<RabbitMqReadiness>("rabbitmq", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<ClusterReadiness>("orleans", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(6));
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription();
        app.MapGet("/health/ready", async (HttpContext context, ReadinessReport readiness) =>
        {
            var (report, checkedAt) = await readiness.GetAsync(context.RequestAborted);
            context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            context.Response.Headers.CacheControl = "no-store";
            await WriteHealth(context, report, checkedAt);
        }).ExcludeFromDescription();
        return app;
    }

    private static Task WriteHealth(HttpContext context, HealthReport report, DateTimeOffset checkedAt)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checkedAt,
            // Only what the checks chose to say: exception messages (hosts, driver errors) stay in the log.
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, JsonSerializerOptions.Web));
    }
}
