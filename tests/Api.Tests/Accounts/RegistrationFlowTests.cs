using System.Net;
using Platform.Api.Tests.Fixtures;
using static Platform.Api.Tests.Fixtures.AccountSteps;

namespace Platform.Api.Tests.Accounts;

/// <summary>Registration, verification by code or link, one-time codes: what a person does with the mail they get.</summary>
[Collection(ApiCollection.Name)]
public sealed class RegistrationFlowTests(ApiFixture api)
{
    [Fact]
    public async Task Register_verify_by_code_use_the_session_and_log_out()
    {
        using var client = api.Client();
        var email = NewEmail("Mixed.Case");
        var registered = await (await client.PostJsonAsync("/api/auth/register", new { email = $"  {email.ToUpperInvariant()} ", password = Password, name = "Ann" }))
            .ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal("verification_sent", registered.GetProperty("status").GetString());

        var mail = await api.MailAsync(email.ToLowerInvariant());
        var code = CapturingMailer.CodeIn(mail);
        Assert.Matches(@"^\d{6}$", code);
        Assert.Contains(code, mail.Html);
        await (await client.PostJsonAsync("/api/auth/login", new { email, password = Password })).ExpectAsync(HttpStatusCode.Forbidden, "email_not_verified");

        var verified = await client.PostJsonAsync("/api/auth/verify-email", new { email, code, registration = registered.Registration() });
        var setCookie = Assert.Single(verified.Headers.GetValues("Set-Cookie"), c => c.StartsWith("platform_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie, StringComparison.OrdinalIgnoreCase); // the public URL here is http
        var signIn = await verified.ExpectAsync(HttpStatusCode.OK);
        var token = signIn.Token();
        Assert.Equal(email.ToLowerInvariant(), signIn.GetProperty("user").GetProperty("email").GetString());
        Assert.True(signIn.GetProperty("user").GetProperty("emailVerified").GetBoolean());
        Assert.Equal("Ann", signIn.GetProperty("user").GetProperty("name").GetString());
        Assert.True(token.Length >= 43, "the token carries at least 256 bits");
        Assert.Equal(token, client.SessionCookie);

        // Bearer, from a client without the cookie.
        using (var app = api.Client())
        {
            var session = await (await app.GetAsync("/api/auth/session", bearer: token)).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(signIn.SessionId(), session.GetProperty("session").GetProperty("id").GetString());
        }
        // Cookie.
        await (await client.GetAsync("/api/auth/session")).ExpectAsync(HttpStatusCode.OK);

        await (await client.PostJsonAsync("/api/auth/logout", null)).ExpectAsync(HttpStatusCode.NoContent);
        using var other = api.Client();
        await (await other.GetAsync("/api/auth/session", bearer: token)).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await client.GetAsync("/api/auth/session")).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");

        var login = await (await client.PostJsonAsync("/api/auth/login", new { email, password = Password })).ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual(token, login.Token());
    }

    [Fact]
    public async Task Register_and_verify_by_the_single_use_link()
    {
        using var client = api.Client();
        var email = NewEmail("link");
        var registration = (await (await client.PostJsonAsync("/api/auth/register", new { email, password = Password })).ExpectAsync(HttpStatusCode.Accepted)).Registration();
        var mail = await api.MailAsync(email);
        var link = CapturingMailer.LinkIn(mail);
        Assert.StartsWith(api.BaseUrl + "verify-email?token=", link);

        // Opening the link shows a page; only pressing its button spends the token.
        var page = await client.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var token = CapturingMailer.LinkTokenIn(mail).ToString();
        var signIn = await (await client.PostJsonAsync("/api/auth/verify-email", new { token, registration })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(signIn.GetProperty("user").GetProperty("emailVerified").GetBoolean());
        await (await client.PostJsonAsync("/api/auth/verify-email", new { token })).ExpectAsync(HttpStatusCode.BadRequest, "invalid_code");
        await (await client.PostJsonAsync("/api/auth/login", new { email, password = Password })).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task One_time_code_signs_in_and_verifies_the_address_but_not_a_password_set_before()
    {
        using var client = api.Client();
        var email = NewEmail("otp");
        await (await client.PostJsonAsync("/api/auth/register", new { email, password = Password })).ExpectAsync(HttpStatusCode.Accepted);
        await api.MailAsync(email);
        var sent = await (await client.PostJsonAsync("/api/auth/otp/send", new { email })).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal("sent", sent.GetProperty("status").GetString());
        // otp/send answers before the code is issued: wait for the mail.
        var mail = await api.MailAsync(email, count: 2);
        Assert.Contains("sign-in code", mail.Subject, StringComparison.OrdinalIgnoreCase);
        var code = CapturingMailer.CodeIn(mail);

        var signIn = await (await client.PostJsonAsync("/api/auth/otp/verify", new { email, code })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(signIn.GetProperty("user").GetProperty("emailVerified").GetBoolean());
        await (await client.PostJsonAsync("/api/auth/otp/verify", new { email, code })).ExpectAsync(HttpStatusCode.BadRequest, "invalid_code");
        // A sign-in code proves the address, not that its holder chose the unverified account's password.
        await (await client.PostJsonAsync("/api/auth/login", new { email, password = Password })).ExpectAsync(HttpStatusCode.Forbidden, "email_not_verified");
    }

    [Fact]
    public async Task Three_wrong_codes_kill_the_code()
    {
        using var client = api.Client();
        var email = NewEmail("wrong");
        await (await client.PostJsonAsync("/api/auth/register", new { email, password = Password })).ExpectAsync(HttpStatusCode.Accepted);
        var code = CapturingMailer.CodeIn(await api.MailAsync(email));
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < 3; i++)
            await (await client.PostJsonAsync("/api/auth/otp/verify", new { email, code = wrong })).ExpectAsync(HttpStatusCode.BadRequest, "invalid_code");
        await (await client.PostJsonAsync("/api/auth/otp/verify", new { email, code })).ExpectAsync(HttpStatusCode.BadRequest, "too_many_attempts");
        await (await client.PostJsonAsync("/api/auth/verify-email", new { email, code })).ExpectAsync(HttpStatusCode.BadRequest, "too_many_attempts");
    }
}
