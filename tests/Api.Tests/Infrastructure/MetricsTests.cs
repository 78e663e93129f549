using System.Net;
using Platform.Api.Tests.Fixtures;

namespace Platform.Api.Tests.Infrastructure;

/// <summary>/metrics tells an operator what happened, on the management port only.</summary>
[Collection(ApiCollection.Name)]
public sealed class MetricsTests(ApiFixture api)
{
    [Fact]
    public async Task Sign_ins_and_refused_sessions_show_in_the_api_metrics_next_to_http_and_orleans_ones()
    {
        using var client = api.Client();
        var email = $"metrics-{Guid.NewGuid():N}@example.test";
        var registration = (await (await client.PostJsonAsync("/api/auth/register", new { email, password = "metrics are not secrets" })).ExpectAsync(HttpStatusCode.Accepted)).Registration();
        var code = CapturingMailer.CodeIn(api.Mail.LastTo(email));
        await (await client.PostJsonAsync("/api/auth/verify-email", new { email, code, registration })).ExpectAsync(HttpStatusCode.OK);
        await (await client.PostJsonAsync("/api/auth/login", new { email, password = "metrics are not secrets" })).ExpectAsync(HttpStatusCode.OK);
        await (await client.GetAsync("/api/auth/session", bearer: "not-a-session-token")).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");

        using var scraper = new HttpClient { BaseAddress = api.MetricsUrl };
        var metrics = "";
        await Eventually.Async(async () =>
        {
            metrics = await scraper.GetStringAsync("/metrics");
            return metrics.Contains("platform_accounts_sessions_refused_total");
        }, TimeSpan.FromSeconds(30), "the refused session never showed in /metrics");

        Assert.Matches("platform_accounts_sign_ins_total\\{[^}]*method=\"password\"[^}]*outcome=\"success\"", metrics);
        Assert.Matches("platform_accounts_sign_ins_total\\{[^}]*method=\"code\"[^}]*outcome=\"success\"", metrics);
        Assert.Contains("http_server_request_duration_seconds", metrics);
        Assert.Contains("orleans_", metrics);
    }

    [Fact]
    public async Task Orleans_per_message_instruments_are_left_out_by_default()
    {
        using var scraper = new HttpClient { BaseAddress = api.MetricsUrl };
        var metrics = await scraper.GetStringAsync("/metrics");
        Assert.Contains("orleans_", metrics);
        Assert.DoesNotContain("orleans_messaging_sent_messages_size", metrics);
        Assert.DoesNotContain("orleans_app_requests_latency", metrics);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("127.0.0.1")] // a client pretending to be local through a trusted proxy
    [InlineData("203.0.113.9")]
    public async Task The_public_port_does_not_serve_metrics_whoever_asks(string? forwardedFor)
    {
        using var client = api.Client();
        var headers = forwardedFor is null ? null : new Dictionary<string, string> { ["X-Forwarded-For"] = forwardedFor };
        await (await client.SendAsync(HttpMethod.Get, "/metrics", null, null, headers)).ExpectAsync(HttpStatusCode.NotFound, "not_found");
    }
}
