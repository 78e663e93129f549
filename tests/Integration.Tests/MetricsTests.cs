using System.Net;
using Platform.Integration.Tests.Infrastructure;

namespace Platform.Integration.Tests;

/// <summary>What an operator sees on a silo's /metrics after account mail went out over real SMTP.</summary>
[Collection(StackCollection.Name)]
public sealed class MetricsTests(PlatformStack stack)
{
    [Fact]
    public async Task A_registration_shows_as_a_code_sent_and_a_mail_delivered_on_the_silo()
    {
        using var client = stack.ClientA();
        var email = $"metrics-{Guid.NewGuid():N}@example.test";
        await (await client.PostJsonAsync("/api/auth/register", new { email, password = "a metered passphrase" })).ExpectAsync(HttpStatusCode.Accepted);
        await MailCapture.WaitForAsync(email);

        using var scraper = new HttpClient { BaseAddress = stack.Silo.BaseUrl };
        var metrics = "";
        await Eventually.Async(async () =>
        {
            metrics = await scraper.GetStringAsync("/metrics");
            return metrics.Contains("platform_mail_sent_total");
        }, TimeSpan.FromSeconds(30), "the delivered mail never showed in the silo's /metrics");

        Assert.Matches("platform_accounts_codes_sent_total\\{[^}]*purpose=\"verify-email\"", metrics);
        Assert.Contains("platform_mail_outbox_depth", metrics);
        Assert.Contains("orleans_", metrics);
    }
}
