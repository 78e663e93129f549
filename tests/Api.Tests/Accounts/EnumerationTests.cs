using System.Net;
using Platform.Api.Tests.Fixtures;
using static Platform.Api.Tests.Fixtures.AccountSteps;

namespace Platform.Api.Tests.Accounts;

/// <summary>No answer tells whether an address has an account.</summary>
[Collection(ApiCollection.Name)]
public sealed class EnumerationTests(ApiFixture api)
{
    [Fact]
    public async Task Register_answers_alike_whether_or_not_the_address_has_an_account()
    {
        using var client = api.Client();
        var (existing, _) = await api.RegisteredAndVerifiedAsync(client);

        var forExisting = await client.PostJsonAsync("/api/auth/register", new { email = existing, password = "another passphrase" });
        var forNew = await client.PostJsonAsync("/api/auth/register", new { email = NewEmail("fresh"), password = "another passphrase" });
        Assert.Equal(HttpStatusCode.Accepted, forNew.StatusCode);
        Assert.Equal(forNew.StatusCode, forExisting.StatusCode);
        // Alike but for the handle, which is random for every registration, taken address or not.
        var (newBody, existingBody) = (await forNew.JsonAsync(), await forExisting.JsonAsync());
        Assert.Equal(newBody.GetProperty("status").GetString(), existingBody.GetProperty("status").GetString());
        Assert.Equal(newBody.Registration().Length, existingBody.Registration().Length);
        Assert.Equal(newBody.EnumerateObject().Select(p => p.Name), existingBody.EnumerateObject().Select(p => p.Name));
        Assert.Equal(forNew.Content.Headers.ContentLength, forExisting.Content.Headers.ContentLength);

        // The owner hears about it by mail instead.
        var notice = await api.MailAsync(existing, count: 2);
        Assert.Contains("already have an account", notice.Subject, StringComparison.OrdinalIgnoreCase);
        // The existing account keeps its password.
        await (await client.PostJsonAsync("/api/auth/login", new { email = existing, password = Password })).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Register_then_login_answers_alike_whether_or_not_the_address_has_an_account()
    {
        // A registration of a verified account keeps a stand-in, so the password just registered
        // is "right, but verify first" there too, as for an address without an account.
        using var client = api.Client();
        var (existing, _) = await api.RegisteredAndVerifiedAsync(client);
        var unknown = NewEmail("fresh");
        var from = ClientAddresses.NextIPv4();
        var answers = new List<string>();
        foreach (var email in new[] { existing, unknown })
        {
            await (await client.PostJsonAsync("/api/auth/register", new { email, password = "the prober's passphrase" }, headers: ClientAddresses.As(from)))
                .ExpectAsync(HttpStatusCode.Accepted);
            var login = await client.PostJsonAsync("/api/auth/login", new { email, password = "the prober's passphrase" }, headers: ClientAddresses.As(from));
            Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
            answers.Add(await login.Content.ReadAsStringAsync());
        }
        Assert.Equal(answers[0], answers[1]);
        await (await client.PostJsonAsync("/api/auth/login", new { email = existing, password = Password })).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_wrong_code_is_answered_no_sooner_than_the_floor_that_hides_which_grains_were_active()
    {
        using var client = api.Client();
        foreach (var route in new[] { "/api/auth/otp/verify", "/api/auth/verify-email" })
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await (await client.PostJsonAsync(route, new { email = NewEmail("floor"), code = "123456" })).ExpectAsync(HttpStatusCode.BadRequest, "invalid_code");
            Assert.True(clock.Elapsed >= Platform.Api.Accounts.AccountEndpoints.WrongCodeAnswerTime, $"{route} answered after {clock.Elapsed}");
        }
    }

    [Fact]
    public async Task Code_requests_and_code_checks_answer_alike_whether_or_not_the_address_has_an_account()
    {
        using var client = api.Client();
        var (existing, _) = await api.RegisteredAndVerifiedAsync(client);
        var unknown = NewEmail("nobody");

        var sendExisting = await client.PostJsonAsync("/api/auth/otp/send", new { email = existing });
        var sendUnknown = await client.PostJsonAsync("/api/auth/otp/send", new { email = unknown });
        Assert.Equal(HttpStatusCode.Accepted, sendExisting.StatusCode);
        Assert.Equal(sendExisting.StatusCode, sendUnknown.StatusCode);
        Assert.Equal(await sendExisting.Content.ReadAsStringAsync(), await sendUnknown.Content.ReadAsStringAsync());

        // The account's code arrives; a wrong code is refused alike for both addresses (wrong codes are counted alike for both).
        var code = CapturingMailer.CodeIn(await api.MailAsync(existing, count: 2));
        var wrong = code == "000000" ? "111111" : "000000";
        var verifyExisting = await client.PostJsonAsync("/api/auth/otp/verify", new { email = existing, code = wrong });
        var verifyUnknown = await client.PostJsonAsync("/api/auth/otp/verify", new { email = unknown, code = wrong });
        await verifyUnknown.ExpectAsync(HttpStatusCode.BadRequest, "invalid_code");
        Assert.Equal(verifyExisting.StatusCode, verifyUnknown.StatusCode);
        Assert.Equal(await verifyExisting.Content.ReadAsStringAsync(), await verifyUnknown.Content.ReadAsStringAsync());

        // Nothing is mailed to an address without an account.
        Assert.Empty(api.Mail.To(unknown));
    }

    [Fact]
    public async Task Login_answers_alike_for_an_unknown_address_and_a_wrong_password()
    {
        using var client = api.Client();
        var (existing, _) = await api.RegisteredAndVerifiedAsync(client);

        var loginUnknown = await client.PostJsonAsync("/api/auth/login", new { email = NewEmail("nobody"), password = Password });
        var loginWrong = await client.PostJsonAsync("/api/auth/login", new { email = existing, password = "not the password" });
        Assert.Equal(HttpStatusCode.Unauthorized, loginUnknown.StatusCode);
        Assert.Equal(loginUnknown.StatusCode, loginWrong.StatusCode);
        Assert.Equal(await loginUnknown.Content.ReadAsStringAsync(), await loginWrong.Content.ReadAsStringAsync());
    }
}
