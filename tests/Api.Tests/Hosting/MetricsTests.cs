using System.Net;
using Platform.Api.Tests.Infrastructure;

namespace Platform.Api.Tests.Hosting;

/// <summary>/metrics tells an operator what happened, and only to scrapers.</summary>
[Collection(ApiCollection.Name)]
public sealed class MetricsTests(ApiFixture api)
{
    [Fact]
    public async Task A_sign_in_shows_in_the_platform_meters_next_to_http_and_orleans_metrics()
    {
        using var client = api.Client();
        var email = $"metrics-{Guid.NewGuid():N}@example.test";
        await (await client.PostJsonAsync("/api/auth/register", new { email, password = "metrics are not secrets" })).ExpectAsync(HttpStatusCode.Accepted);
        var code = CapturingMailer.CodeIn(api.Mail.LastTo(email));
        await (await client.PostJsonAsync("/api/auth/verify-email", new { email, code })).ExpectAsync(HttpStatusCode.OK);
        await (await client.PostJsonAsync("/api/auth/login", new { email, password = "metrics are not secrets" })).ExpectAsync(HttpStatusCode.OK);
        await (await client.GetAsync("/api/auth/session", bearer: "not-a-session-token")).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");

        var metrics = "";
        await Eventually.Async(async () =>
        {
            metrics = await (await client.GetAsync("/metrics")).Content.ReadAsStringAsync();
            return metrics.Contains("platform_accounts_sessions_refused_total");
        }, TimeSpan.FromSeconds(30), "the refused session never showed in /metrics");

        Assert.Matches("platform_accounts_sign_ins_total\\{[^}]*method=\"password\"[^}]*outcome=\"success\"", metrics);
        Assert.Matches("platform_accounts_sign_ins_total\\{[^}]*method=\"code\"[^}]*outcome=\"success\"", metrics);
        Assert.Contains("platform_accounts_sessions_issued_total", metrics);
        Assert.Matches("platform_accounts_codes_sent_total\\{[^}]*purpose=\"verify-email\"", metrics);
        Assert.Contains("http_server_request_duration_seconds", metrics);
        Assert.Contains("orleans_", metrics);
    }

    [Fact]
    public async Task Metrics_are_not_served_to_callers_outside_the_scrape_networks()
    {
        using var client = api.Client();
        var response = await client.SendAsync(HttpMethod.Get, "/metrics", null, null,
            new Dictionary<string, string> { ["X-Forwarded-For"] = "203.0.113.9" });
        await response.ExpectAsync(HttpStatusCode.NotFound, "not_found");
    }
}
