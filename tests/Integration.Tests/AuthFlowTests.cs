using System.Net;
using System.Text.Json;
using Platform.Integration.Tests.Infrastructure;

namespace Platform.Integration.Tests;

/// <summary>
/// The account flows where separate processes matter: mail over real SMTP, revocation seen by
/// another API node, a silo crash. The HTTP contract of one API node is in Api.Tests.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class AuthFlowTests(PlatformStack stack)
{
    private const string Password = "a long enough passphrase";

    private static string NewEmail(string tag) => $"{tag}-{Guid.NewGuid():N}@example.test";

    private async Task<(string Email, JsonElement SignIn)> RegisteredAndVerifiedAsync(ApiClient client)
    {
        var email = NewEmail("user");
        var registered = await (await client.PostJsonAsync("/api/auth/register", new { email, password = Password, name = "Ann" })).ExpectAsync(HttpStatusCode.Accepted);
        var mail = await MailCapture.WaitForAsync(email);
        var registration = registered.GetProperty("registration").GetString();
        var signIn = await (await client.PostJsonAsync("/api/auth/verify-email", new { email, code = mail.Code, registration })).ExpectAsync(HttpStatusCode.OK);
        return (email, signIn);
    }

    /// <summary>
    /// Api.Tests holds the flow's rules; here the mail crosses real SMTP to the mail capture and
    /// the API runs in its production environment, as a separate process.
    /// </summary>
    [Fact]
    public async Task Registration_mail_crosses_real_smtp_and_its_code_signs_in()
    {
        using var client = stack.ClientA();
        var email = NewEmail("smtp");
        await (await client.PostJsonAsync("/api/auth/register", new { email, password = Password, name = "Ann" })).ExpectAsync(HttpStatusCode.Accepted);

        var mail = await MailCapture.WaitForAsync(email);
        Assert.Equal("Verify your email address", mail.Subject);
        Assert.Matches(@"^\d{6}$", mail.Code);
        Assert.Contains(mail.Code, mail.Html);
        Assert.Contains($"{stack.ApiA.ToString().TrimEnd('/')}/verify-email?token=", mail.Text);

        var signIn = await (await client.PostJsonAsync("/api/auth/verify-email", new { email, code = mail.Code })).ExpectAsync(HttpStatusCode.OK);
        var token = signIn.GetProperty("token").GetString()!;
        await (await client.GetAsync("/api/auth/session", bearer: token)).ExpectAsync(HttpStatusCode.OK);
        await (await client.PostJsonAsync("/api/auth/logout", null, bearer: token)).ExpectAsync(HttpStatusCode.NoContent);
        await (await client.GetAsync("/api/auth/session", bearer: token)).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_session_revoked_on_one_api_node_is_refused_by_another()
    {
        using var onA = stack.ClientA();
        using var onB = stack.ClientB();
        var (_, signIn) = await RegisteredAndVerifiedAsync(onA);
        var token = signIn.GetProperty("token").GetString()!;
        await (await onB.GetAsync("/api/auth/session", bearer: token)).ExpectAsync(HttpStatusCode.OK);

        await (await onA.PostJsonAsync("/api/auth/logout", null, bearer: token)).ExpectAsync(HttpStatusCode.NoContent);
        await (await onB.GetAsync("/api/auth/session", bearer: token)).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Accounts_and_sessions_survive_a_silo_crash()
    {
        using var client = stack.ClientA();
        var (email, signIn) = await RegisteredAndVerifiedAsync(client);
        var token = signIn.GetProperty("token").GetString()!;

        await stack.RestartSiloAsync(whileDown: async () =>
        {
            // No silo: the API says so with 503 and Retry-After, not a 500.
            var refused = await client.PostJsonAsync("/api/auth/login", new { email, password = Password });
            await refused.ExpectAsync(HttpStatusCode.ServiceUnavailable, "unavailable");
            Assert.NotNull(refused.Headers.RetryAfter);
        });
        await Eventually.Async(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "the API did not become ready after the silo restart");

        await (await client.GetAsync("/api/auth/session", bearer: token)).ExpectAsync(HttpStatusCode.OK);
        await (await client.PostJsonAsync("/api/auth/login", new { email, password = Password })).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_silo_serves_its_dashboard()
    {
        using var dashboard = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await dashboard.GetAsync(new Uri(stack.Silo.BaseUrl, "/dashboard"))).StatusCode);
    }

    [Fact]
    public async Task A_refused_token_costs_the_request_line_and_no_authentication_chatter()
    {
        using var client = stack.ClientA();
        var marker = $"/api/auth/session?probe={Guid.NewGuid():N}";
        await (await client.GetAsync(marker, bearer: "junk-token")).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");

        // Node A logs every request; the handler's own lines are kept at Warning in appsettings.json.
        await Eventually.Async(() => Task.FromResult(stack.NodeA.Output.Contains("GET /api/auth/session answered 401")),
            TimeSpan.FromSeconds(10), "the refused request was not logged");
        Assert.DoesNotContain("was not authenticated", stack.NodeA.Output);
        Assert.DoesNotContain("was challenged", stack.NodeA.Output);
    }
}
