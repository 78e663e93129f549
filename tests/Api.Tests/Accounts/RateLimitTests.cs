using System.Net;
using Platform.Grains.Interfaces.Accounts;
using Platform.Api.Tests.Fixtures;
using Limits = Platform.Api.Tests.Fixtures.StrictLimitsApiFixture;
using static Platform.Api.Tests.Fixtures.AccountSteps;
using static Platform.Api.Tests.Fixtures.ClientAddresses;

namespace Platform.Api.Tests.Accounts;

/// <summary>
/// Per-client-IP limits on the auth routes. The client address reaches the API through the trusted
/// proxy's <c>X-Forwarded-For</c>; every test uses addresses of its own.
/// </summary>
[Collection(StrictLimitsCollection.Name)]
public sealed class RateLimitTests(StrictLimitsApiFixture api)
{
    private static Task<HttpResponseMessage> LoginAsync(ApiClient client, string from) =>
        client.PostJsonAsync("/api/auth/login", new { email = NewEmail("ip"), password = Password }, headers: As(from));

    [Fact]
    public async Task Auth_requests_beyond_the_per_ip_limit_get_429_with_retry_after()
    {
        using var client = api.Client();
        var address = NextIPv4();
        for (var i = 0; i < Limits.AuthPerIp; i++)
            await (await LoginAsync(client, address)).ExpectAsync(HttpStatusCode.Unauthorized, "invalid_credentials");

        var refused = await LoginAsync(client, address);
        await refused.ExpectAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.NotNull(refused.Headers.RetryAfter);
        // The window is a minute: the client is told to come back within it, not never.
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task The_addresses_of_one_network_share_an_auth_allowance()
    {
        // Review finding: one /24 (256 per-IP allowances) could keep the password hashing busy for everyone.
        using var client = api.Client();
        var network = NextIPv4Network();
        for (var host = 1; host <= Limits.AuthPerNetwork; host++)
            await (await LoginAsync(client, network + host)).ExpectAsync(HttpStatusCode.Unauthorized, "invalid_credentials");

        var refused = await LoginAsync(client, network + (Limits.AuthPerNetwork + 1));
        await refused.ExpectAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.NotNull(refused.Headers.RetryAfter);
        await (await LoginAsync(client, NextIPv4Network() + "1")).ExpectAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task Requests_refused_per_ip_spend_nothing_of_their_networks_allowance()
    {
        using var client = api.Client();
        var network = NextIPv4Network();
        for (var i = 0; i < Limits.AuthPerIp + 10; i++)
            await LoginAsync(client, network + "1");

        // Only the first AuthPerIp went through; the others of the network still have the rest.
        for (var host = 2; host < 2 + Limits.AuthPerNetwork - Limits.AuthPerIp; host++)
            await (await LoginAsync(client, network + host)).ExpectAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await (await LoginAsync(client, network + "200")).ExpectAsync(HttpStatusCode.TooManyRequests, "rate_limited");
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_the_limit_applies_per_forwarded_client()
    {
        using var client = api.Client();
        var first = NextIPv4();
        var second = NextIPv4();

        for (var i = 0; i < Limits.AuthPerIp; i++)
            await (await LoginAsync(client, first)).ExpectAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await (await LoginAsync(client, first)).ExpectAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        // Another client behind the same proxy has its own allowance.
        await (await LoginAsync(client, second)).ExpectAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task Register_login_and_code_checks_share_one_allowance_per_ip()
    {
        using var client = api.Client();
        var address = NextIPv4();
        var requests = new Func<Task<HttpResponseMessage>>[]
        {
            () => client.PostJsonAsync("/api/auth/register", new { email = NewEmail("shared"), password = Password }, headers: As(address)),
            () => LoginAsync(client, address),
            () => client.PostJsonAsync("/api/auth/verify-email", new { email = NewEmail("shared"), code = "123456" }, headers: As(address)),
            () => client.PostJsonAsync("/api/auth/otp/verify", new { email = NewEmail("shared"), code = "123456" }, headers: As(address)),
        };
        for (var i = 0; i < Limits.AuthPerIp; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await requests[i % requests.Length]()).StatusCode);

        foreach (var request in requests)
            await (await request()).ExpectAsync(HttpStatusCode.TooManyRequests, "rate_limited");
    }

    [Fact]
    public async Task Code_sends_beyond_the_per_ip_limit_get_429_with_retry_after()
    {
        using var client = api.Client();
        var address = NextIPv4();
        for (var i = 0; i < Limits.CodeSendsPerIp; i++)
            await (await client.PostJsonAsync("/api/auth/otp/send", new { email = NewEmail("send") }, headers: As(address))).ExpectAsync(HttpStatusCode.Accepted);

        var refused = await client.PostJsonAsync("/api/auth/otp/send", new { email = NewEmail("send") }, headers: As(address));
        await refused.ExpectAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.NotNull(refused.Headers.RetryAfter);
        // The window is an hour in six segments: the allowance comes back in steps of ten minutes.
        Assert.Equal(TimeSpan.FromMinutes(10), refused.Headers.RetryAfter!.Delta);
        // Code sends have an allowance of their own: the same client may still sign in.
        await (await LoginAsync(client, address)).ExpectAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task IPv6_clients_are_counted_by_their_64_bit_network()
    {
        using var client = api.Client();
        var network = NextIPv6Network();
        // One subscriber holds a whole /64: changing the interface id does not buy a new allowance.
        for (var i = 0; i < Limits.AuthPerIp; i++)
            await (await LoginAsync(client, $"{network}{i + 1:x}")).ExpectAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await (await LoginAsync(client, $"{network}abcd:1")).ExpectAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        // The next /64 is someone else.
        await (await LoginAsync(client, $"{NextIPv6Network()}1")).ExpectAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task A_client_that_keeps_sending_dead_tokens_is_told_to_wait_while_others_are_served()
    {
        using var client = api.Client();
        var prober = NextIPv4();
        for (var i = 0; i < Limits.UnverifiedSessionsPerIp; i++)
        {
            var token = UserToken.Create(Guid.NewGuid(), Guid.NewGuid()).ToString();
            await (await client.SendAsync(HttpMethod.Get, "/api/auth/session", null, token, As(prober))).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
        }

        var refused = await client.SendAsync(HttpMethod.Get, "/api/auth/session", null, UserToken.Create(Guid.NewGuid(), Guid.NewGuid()).ToString(), As(prober));
        await refused.ExpectAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.NotNull(refused.Headers.RetryAfter);

        // Someone who signs in behind the same address meanwhile is served, while junk is not.
        var email = NewEmail("shared");
        await (await client.PostJsonAsync("/api/auth/register", new { email, password = Password }, headers: As(prober))).ExpectAsync(HttpStatusCode.Accepted);
        var code = CapturingMailer.CodeIn(await api.MailAsync(email));
        var signIn = await (await client.PostJsonAsync("/api/auth/verify-email", new { email, code }, headers: As(prober))).ExpectAsync(HttpStatusCode.OK);
        await (await client.SendAsync(HttpMethod.Get, "/api/auth/session", null, signIn.Token(), As(prober))).ExpectAsync(HttpStatusCode.OK);
        await (await client.SendAsync(HttpMethod.Get, "/api/auth/session", null, UserToken.Create(Guid.NewGuid(), Guid.NewGuid()).ToString(), As(prober)))
            .ExpectAsync(HttpStatusCode.TooManyRequests, "rate_limited");

        // Another client is still asked, and answered as before.
        await (await client.SendAsync(HttpMethod.Get, "/api/auth/session", null, UserToken.Create(Guid.NewGuid(), Guid.NewGuid()).ToString(), As(NextIPv4())))
            .ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
