using System.Net;
using System.Text.Json;
using Platform.Integration.Tests.Infrastructure;

namespace Platform.Integration.Tests;

[Collection(StackCollection.Name)]
public sealed class AuthFlowTests(PlatformStack stack)
{
    private const string Password = "a long enough passphrase";

    private static string NewEmail(string tag) => $"{tag}-{Guid.NewGuid():N}@example.test";

    private async Task<(string Email, JsonElement SignIn)> RegisteredAndVerifiedAsync(ApiClient client)
    {
        var email = NewEmail("user");
        await (await client.PostJsonAsync("/api/auth/register", new { email, password = Password, name = "Ann" })).ExpectAsync(HttpStatusCode.Accepted);
        var mail = await MailCapture.WaitForAsync(email);
        var signIn = await (await client.PostJsonAsync("/api/auth/verify-email", new { email, code = mail.Code })).ExpectAsync(HttpStatusCode.OK);
        return (email, signIn);
    }

    [Fact]
    public async Task Register_verify_by_code_use_the_session_and_log_out()
    {
        using var client = stack.ClientA();
        var email = NewEmail("Mixed.Case");
        var registered = await (await client.PostJsonAsync("/api/auth/register", new { email = $"  {email.ToUpperInvariant()} ", password = Password, name = "Ann" }))
            .ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal("verification_sent", registered.GetProperty("status").GetString());

        var mail = await MailCapture.WaitForAsync(email.ToLowerInvariant());
        Assert.Matches(@"^\d{6}$", mail.Code);
        Assert.Contains(mail.Code, mail.Html);
        await (await client.PostJsonAsync("/api/auth/login", new { email, password = Password })).ExpectAsync(HttpStatusCode.Forbidden, "email_not_verified");

        var verified = await client.PostJsonAsync("/api/auth/verify-email", new { email, code = mail.Code });
        var setCookie = Assert.Single(verified.Headers.GetValues("Set-Cookie"), c => c.StartsWith("platform_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie, StringComparison.OrdinalIgnoreCase); // the public URL here is http
        var signIn = await verified.ExpectAsync(HttpStatusCode.OK);
        var token = signIn.GetProperty("token").GetString()!;
        Assert.Equal(email.ToLowerInvariant(), signIn.GetProperty("user").GetProperty("email").GetString());
        Assert.True(signIn.GetProperty("user").GetProperty("emailVerified").GetBoolean());
        Assert.Equal("Ann", signIn.GetProperty("user").GetProperty("name").GetString());
        Assert.True(token.Length >= 43, "the token carries at least 256 bits");
        Assert.Equal(token, client.SessionCookie);

        // Bearer, from a client without the cookie.
        using (var app = stack.ClientA())
        {
            var session = await (await app.GetAsync("/api/auth/session", bearer: token)).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(signIn.GetProperty("session").GetProperty("id").GetString(), session.GetProperty("session").GetProperty("id").GetString());
        }
        // Cookie.
        await (await client.GetAsync("/api/auth/session")).ExpectAsync(HttpStatusCode.OK);

        await (await client.PostJsonAsync("/api/auth/logout", null)).ExpectAsync(HttpStatusCode.NoContent);
        using var other = stack.ClientA();
        await (await other.GetAsync("/api/auth/session", bearer: token)).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await client.GetAsync("/api/auth/session")).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");

        var login = await (await client.PostJsonAsync("/api/auth/login", new { email, password = Password })).ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual(token, login.GetProperty("token").GetString());
    }

    [Fact]
    public async Task Register_and_verify_by_the_single_use_link()
    {
        using var client = stack.ClientA();
        var email = NewEmail("link");
        await (await client.PostJsonAsync("/api/auth/register", new { email, password = Password })).ExpectAsync(HttpStatusCode.Accepted);
        var mail = await MailCapture.WaitForAsync(email);
        Assert.StartsWith(stack.ApiA + "verify-email?token=", mail.Link);

        var page = await client.GetAsync(new Uri(mail.Link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var signIn = await (await client.PostJsonAsync("/api/auth/verify-email", new { token = mail.LinkToken })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(signIn.GetProperty("user").GetProperty("emailVerified").GetBoolean());
        await (await client.PostJsonAsync("/api/auth/verify-email", new { token = mail.LinkToken })).ExpectAsync(HttpStatusCode.BadRequest, "invalid_code");
        await (await client.PostJsonAsync("/api/auth/login", new { email, password = Password })).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task One_time_code_signs_in_and_verifies_the_address_but_not_a_password_set_before()
    {
        using var client = stack.ClientA();
        var email = NewEmail("otp");
        await (await client.PostJsonAsync("/api/auth/register", new { email, password = Password })).ExpectAsync(HttpStatusCode.Accepted);
        await MailCapture.WaitForAsync(email);
        // At most one code per address per interval (shortened for this stack): ask until the next one is sent.
        var mail = await MailCapture.WaitForAsync(email, count: 2, whilePolling: async () =>
        {
            var sent = await (await client.PostJsonAsync("/api/auth/otp/send", new { email })).ExpectAsync(HttpStatusCode.Accepted);
            Assert.Equal("sent", sent.GetProperty("status").GetString());
        });
        Assert.Contains("sign-in code", mail.Subject, StringComparison.OrdinalIgnoreCase);

        var signIn = await (await client.PostJsonAsync("/api/auth/otp/verify", new { email, code = mail.Code })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(signIn.GetProperty("user").GetProperty("emailVerified").GetBoolean());
        await (await client.PostJsonAsync("/api/auth/otp/verify", new { email, code = mail.Code })).ExpectAsync(HttpStatusCode.BadRequest, "invalid_code");
        // A sign-in code proves the address, not that its holder chose the unverified account's password.
        await (await client.PostJsonAsync("/api/auth/login", new { email, password = Password })).ExpectAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task Three_wrong_codes_kill_the_code()
    {
        using var client = stack.ClientA();
        var email = NewEmail("wrong");
        await (await client.PostJsonAsync("/api/auth/register", new { email, password = Password })).ExpectAsync(HttpStatusCode.Accepted);
        var code = (await MailCapture.WaitForAsync(email)).Code;
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < 3; i++)
            await (await client.PostJsonAsync("/api/auth/otp/verify", new { email, code = wrong })).ExpectAsync(HttpStatusCode.BadRequest, "invalid_code");
        await (await client.PostJsonAsync("/api/auth/otp/verify", new { email, code })).ExpectAsync(HttpStatusCode.BadRequest, "too_many_attempts");
        await (await client.PostJsonAsync("/api/auth/verify-email", new { email, code })).ExpectAsync(HttpStatusCode.BadRequest, "too_many_attempts");
    }

    [Fact]
    public async Task Register_and_code_requests_answer_alike_whether_or_not_the_account_exists()
    {
        using var client = stack.ClientA();
        var (existing, _) = await RegisteredAndVerifiedAsync(client);
        var unknown = NewEmail("nobody");

        var forExisting = await client.PostJsonAsync("/api/auth/register", new { email = existing, password = "another passphrase" });
        var forNew = await client.PostJsonAsync("/api/auth/register", new { email = NewEmail("fresh"), password = "another passphrase" });
        Assert.Equal(forNew.StatusCode, forExisting.StatusCode);
        Assert.Equal(await forNew.Content.ReadAsStringAsync(), await forExisting.Content.ReadAsStringAsync());
        // Registration mails share the address's send limit (shortened for this stack): repeat until it lets one through.
        var notice = await MailCapture.WaitForAsync(existing, count: 2, whilePolling: async () =>
            await (await client.PostJsonAsync("/api/auth/register", new { email = existing, password = "another passphrase" })).ExpectAsync(HttpStatusCode.Accepted));
        Assert.Contains("already have an account", notice.Subject, StringComparison.OrdinalIgnoreCase);
        // The existing account keeps its password.
        await (await client.PostJsonAsync("/api/auth/login", new { email = existing, password = Password })).ExpectAsync(HttpStatusCode.OK);

        var sendExisting = await client.PostJsonAsync("/api/auth/otp/send", new { email = existing });
        var sendUnknown = await client.PostJsonAsync("/api/auth/otp/send", new { email = unknown });
        Assert.Equal(sendExisting.StatusCode, sendUnknown.StatusCode);
        Assert.Equal(await sendExisting.Content.ReadAsStringAsync(), await sendUnknown.Content.ReadAsStringAsync());
        Assert.Equal(0, await MailCapture.CountAsync(unknown));

        var loginUnknown = await client.PostJsonAsync("/api/auth/login", new { email = unknown, password = Password });
        var loginWrong = await client.PostJsonAsync("/api/auth/login", new { email = existing, password = "not the password" });
        Assert.Equal(HttpStatusCode.Unauthorized, loginUnknown.StatusCode);
        Assert.Equal(loginUnknown.StatusCode, loginWrong.StatusCode);
        Assert.Equal(await loginUnknown.Content.ReadAsStringAsync(), await loginWrong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ten_failed_logins_lock_the_account_for_the_window()
    {
        using var client = stack.ClientA();
        var (email, _) = await RegisteredAndVerifiedAsync(client);
        for (var i = 0; i < 10; i++)
            await (await client.PostJsonAsync("/api/auth/login", new { email, password = $"wrong password {i}" })).ExpectAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        var locked = await client.PostJsonAsync("/api/auth/login", new { email, password = Password });
        await locked.ExpectAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(14));
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
    public async Task Sessions_are_listed_and_revoked_one_by_one_or_all_at_once()
    {
        using var client = stack.ClientA();
        var (email, first) = await RegisteredAndVerifiedAsync(client);
        var firstToken = first.GetProperty("token").GetString()!;
        var second = await (await client.PostJsonAsync("/api/auth/login", new { email, password = Password })).ExpectAsync(HttpStatusCode.OK);
        var secondToken = second.GetProperty("token").GetString()!;
        var third = await (await client.PostJsonAsync("/api/auth/login", new { email, password = Password })).ExpectAsync(HttpStatusCode.OK);
        var thirdToken = third.GetProperty("token").GetString()!;

        var list = await (await client.GetAsync("/api/auth/sessions", bearer: secondToken)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, list.GetArrayLength());
        Assert.Single(list.EnumerateArray(), s => s.GetProperty("current").GetBoolean());
        Assert.Equal(second.GetProperty("session").GetProperty("id").GetString(), list.EnumerateArray().Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetString());

        var firstId = first.GetProperty("session").GetProperty("id").GetString();
        await (await client.DeleteAsync($"/api/auth/sessions/{firstId}", bearer: secondToken)).ExpectAsync(HttpStatusCode.NoContent);
        await (await client.GetAsync("/api/auth/session", bearer: firstToken)).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await client.DeleteAsync($"/api/auth/sessions/{firstId}", bearer: secondToken)).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.DeleteAsync("/api/auth/sessions/not-a-session", bearer: secondToken)).ExpectAsync(HttpStatusCode.NotFound, "not_found");

        // Another user's session id is not found, not forbidden.
        using var stranger = stack.ClientA();
        var (_, strangerSignIn) = await RegisteredAndVerifiedAsync(stranger);
        var thirdId = third.GetProperty("session").GetProperty("id").GetString();
        await (await stranger.DeleteAsync($"/api/auth/sessions/{thirdId}", bearer: strangerSignIn.GetProperty("token").GetString())).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.GetAsync("/api/auth/session", bearer: thirdToken)).ExpectAsync(HttpStatusCode.OK);

        await (await client.PostJsonAsync("/api/auth/logout", new { all = true }, bearer: secondToken)).ExpectAsync(HttpStatusCode.NoContent);
        await (await client.GetAsync("/api/auth/session", bearer: thirdToken)).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Cookie_requests_from_a_foreign_origin_are_refused()
    {
        using var client = stack.ClientA();
        await RegisteredAndVerifiedAsync(client);
        Assert.NotNull(client.SessionCookie);

        await (await client.PostJsonAsync("/api/auth/logout", null, headers: new Dictionary<string, string> { ["Origin"] = "https://evil.example" }))
            .ExpectAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await client.PostJsonAsync("/api/auth/logout", null, headers: new Dictionary<string, string> { ["Sec-Fetch-Site"] = "cross-site" }))
            .ExpectAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await client.GetAsync("/api/auth/session")).ExpectAsync(HttpStatusCode.OK);

        await (await client.PostJsonAsync("/api/auth/logout", null, headers: new Dictionary<string, string> { ["Origin"] = "http://app.example.test" }))
            .ExpectAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Auth_requests_beyond_the_per_ip_limit_get_429_with_retry_after()
    {
        using var client = stack.ClientB();
        HttpResponseMessage? last = null;
        for (var i = 0; i <= PlatformStack.StrictIpLimit; i++)
            last = await client.PostJsonAsync("/api/auth/login", new { email = NewEmail("ip"), password = Password });
        await last!.ExpectAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.NotNull(last!.Headers.RetryAfter);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_the_limit_applies_per_forwarded_client()
    {
        using var client = stack.ClientB();
        var first = $"198.51.100.{Random.Shared.Next(1, 250)}";
        var second = $"203.0.113.{Random.Shared.Next(1, 250)}";
        Task<HttpResponseMessage> Login(string forwardedFor) => client.PostJsonAsync("/api/auth/login", new { email = NewEmail("proxy"), password = Password },
            headers: new Dictionary<string, string> { ["X-Forwarded-For"] = forwardedFor });

        for (var i = 0; i < PlatformStack.StrictIpLimit; i++)
            await (await Login(first)).ExpectAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await (await Login(first)).ExpectAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        // Another client behind the same proxy has its own allowance.
        await (await Login(second)).ExpectAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
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
        await WaitForReadyAsync(client);

        await (await client.GetAsync("/api/auth/session", bearer: token)).ExpectAsync(HttpStatusCode.OK);
        await (await client.PostJsonAsync("/api/auth/login", new { email, password = Password })).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Health_openapi_and_docs_are_served()
    {
        using var client = stack.ClientA();
        var ready = await (await client.GetAsync("/health/ready")).ExpectAsync(HttpStatusCode.OK);
        foreach (var check in new[] { "postgres", "rabbitmq", "object-storage", "orleans" })
            Assert.True(ready.GetProperty("checks").TryGetProperty(check, out _), check);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var openApi = await (await client.GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/auth/register", out _));
        var docs = await client.GetAsync("/scalar");
        if (docs.StatusCode == HttpStatusCode.Found) docs = await client.GetAsync(docs.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("openapi", await docs.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        using (var dashboard = new HttpClient())
            Assert.Equal(HttpStatusCode.OK, (await dashboard.GetAsync(new Uri(stack.Silo.BaseUrl, "/dashboard"))).StatusCode);
        var providers = await (await client.GetAsync("/api/auth/providers")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(providers.EnumerateArray(), p => p.GetProperty("id").GetString() == "local" && p.GetProperty("type").GetString() == "oidc");
    }

    private static async Task WaitForReadyAsync(ApiClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await client.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "The API did not become ready after the silo restart.");
            await Task.Delay(200);
        }
    }
}
