using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Minio;
using Orleans.Configuration;
using Platform.Api.Auth;
using Platform.Api.Auth.External;
using Platform.Api.Endpoints;
using Platform.Api.Health;
using Platform.Api.Problems;
using Platform.Api.Storage;
using Platform.Grains.Interfaces.Hosting;
using Scalar.AspNetCore;

namespace Platform.Api.Hosting;

public static class ApiSetup
{
    /// <summary>The API node: an Orleans client plus HTTP concerns (auth, limits, problems, docs, health).</summary>
    public static WebApplicationBuilder AddPlatformApi(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;

        services.AddOptions<PlatformOptions>().Bind(configuration.GetSection(PlatformOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<S3Options>().Bind(configuration.GetSection(S3Options.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.Configure<ForwardedHeadersOptions>(o => TrustProxies(o, configuration));

        builder.AddOrleansClient();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            var status = c.ProblemDetails.Status ?? c.HttpContext.Response.StatusCode;
            c.ProblemDetails.Extensions.TryAdd("code", Problems.Problems.CodeFor(status));
            c.ProblemDetails.Extensions.Remove("traceId");
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<UnavailableExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = configuration.GetValue("Api:MaxRequestBodyBytes", 1024 * 1024));

        services.AddSingleton<SessionCookie>();
        services.AddSingleton<UserGrainReferences>();
        services.AddAuthentication(SessionAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();

        services.AddSingleton<IReadOnlyList<ExternalProvider>>(ExternalProvider.FromConfiguration(configuration.GetSection("Auth:Providers")));
        // One long-lived client whose pooled connections are renewed, so provider DNS changes are seen.
        services.AddHttpClient(nameof(ExternalSignIn), c => c.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ExternalSignIn>(sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ExternalSignIn))));
        services.AddSingleton<SocialSignInFlow>();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, _) =>
            {
                TimeSpan? retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var r) ? r : null;
                await Problems.Problems.RateLimited(context.HttpContext, retryAfter).ExecuteAsync(context.HttpContext);
            };
            o.AddPolicy(AuthEndpoints.AuthRateLimit, context => PerClientIp(context, l => (l.AuthPerIp, l.AuthWindow)));
            o.AddPolicy(AuthEndpoints.CodeSendRateLimit, context => PerClientIp(context, l => (l.CodeSendsPerIp, l.CodeSendWindow)));
        });

        services.AddOpenApi();
        services.AddSingleton<IMinioClient>(sp =>
        {
            var s3 = sp.GetRequiredService<IOptions<S3Options>>().Value;
            return new MinioClient()
                .WithEndpoint(s3.Endpoint!.Authority)
                .WithSSL(s3.Endpoint.Scheme == Uri.UriSchemeHttps)
                .WithCredentials(s3.AccessKey, s3.SecretKey)
                .WithRegion(s3.Region)
                .Build();
        });
        services.AddHostedService<BucketInitializer>();
        services.AddSingleton(new RabbitMqReadiness(Settings.RequiredUri(configuration, "ConnectionStrings:RabbitMq")));
        services.AddHealthChecks()
            .AddCheck<PostgresReadiness>("postgres", tags: ["ready"], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<RabbitMqReadiness>("rabbitmq", tags: ["ready"], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<ObjectStorageReadiness>("object-storage", tags: ["ready"], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<ClusterReadiness>("orleans", tags: ["ready"], timeout: TimeSpan.FromSeconds(6));
        return builder;
    }

    public static WebApplication UsePlatformApi(this WebApplication app)
    {
        // Behind a load balancer the client's address (for per-IP limits) comes from X-Forwarded-For,
        // believed only when the connection comes from a configured proxy.
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.KnownProxies.Count > 0)
            app.UseForwardedHeaders();
        app.UseMiddleware<RequestLogging>();
        app.UseExceptionHandler();
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (http.Response.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                // Kestrel refuses an oversized body before the app sees it; to clients it is one more invalid field.
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await Problems.Problems.Validation("body", "The request body is too large.").ExecuteAsync(http);
                return;
            }
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http });
        });
        app.UseAuthentication();
        app.UseMiddleware<CrossSiteRequestGuard>();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapOpenApi();
        app.MapScalarApiReference("/scalar");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResponseWriter = WriteHealth,
            ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status200OK },
        }).ExcludeFromDescription();
        return app;
    }

    private static void AddOrleansClient(this WebApplicationBuilder builder)
    {
        var cluster = ClusterSettings.From(builder.Configuration);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = ClusterSettings.AdoNetInvariant;
                o.ConnectionString = cluster.PostgresConnectionString;
            });
            client.UseConnectionRetryFilter<WaitForClusterRetryFilter>();
        });
    }

    private static void TrustProxies(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in configuration.GetSection("Api:TrustedProxies").Get<string[]>() ?? [])
        {
            if (!IPAddress.TryParse(entry, out var address))
                throw new InvalidOperationException($"Setting 'Api:TrustedProxies' holds '{entry}', which is not an IP address.");
            options.KnownProxies.Add(address);
        }
    }

    private static RateLimitPartition<string> PerClientIp(HttpContext context, Func<RateLimitOptions, (int Permits, TimeSpan Window)> pick)
    {
        var (permits, window) = pick(context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        var ip = ClientKey(context.Connection.RemoteIpAddress);
        return RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        });
    }

    /// <summary>IPv4 addresses count one by one; IPv6 clients by /64, the block one subscriber usually holds.</summary>
    private static string ClientKey(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static Task WriteHealth(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            // Only what the checks chose to say: exception messages (hosts, driver errors) stay in the log.
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, JsonSerializerOptions.Web));
    }
}

/// <summary>The API may start before any silo (containers, restarts): keep trying, and say so.</summary>
public sealed class WaitForClusterRetryFilter(ILogger<WaitForClusterRetryFilter> logger) : IClientConnectionRetryFilter
{
    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        logger.LogWarning("No silo reachable yet ({Reason}); retrying in 2 s", exception.Message);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        return true;
    }
}
