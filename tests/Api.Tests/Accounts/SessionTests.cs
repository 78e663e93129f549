using System.Net;
using System.Text.Json;
using Platform.Api.Tests.Fixtures;
using static Platform.Api.Tests.Fixtures.AccountSteps;

namespace Platform.Api.Tests.Accounts;

/// <summary>A user sees their sessions and ends them, one by one or all at once; nobody else can.</summary>
[Collection(ApiCollection.Name)]
public sealed class SessionTests(ApiFixture api)
{
    /// <summary>An account signed in three times: by its verification, then twice by password.</summary>
    private async Task<(JsonElement First, JsonElement Second, JsonElement Third)> ThreeSessionsAsync(ApiClient client)
    {
        var (email, first) = await api.RegisteredAndVerifiedAsync(client);
        var second = await (await client.PostJsonAsync("/api/auth/login", new { email, password = Password })).ExpectAsync(HttpStatusCode.OK);
        var third = await (await client.PostJsonAsync("/api/auth/login", new { email, password = Password })).ExpectAsync(HttpStatusCode.OK);
        return (first, second, third);
    }

    [Fact]
    public async Task The_session_list_shows_every_session_and_marks_the_current_one()
    {
        using var client = api.Client();
        var (_, second, _) = await ThreeSessionsAsync(client);

        var list = await (await client.GetAsync("/api/auth/sessions", bearer: second.Token())).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, list.GetArrayLength());
        var current = Assert.Single(list.EnumerateArray(), s => s.GetProperty("current").GetBoolean());
        Assert.Equal(second.SessionId(), current.GetProperty("id").GetString());
        // Named after nothing: this client sends no User-Agent.
        Assert.Equal(System.Text.Json.JsonValueKind.Null, current.GetProperty("device").ValueKind);
        Assert.InRange(current.GetProperty("lastUsedAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task A_session_is_named_after_the_browser_it_was_started_from()
    {
        using var client = api.Client();
        var (email, _) = await api.RegisteredAndVerifiedAsync(client);
        var firefox = new Dictionary<string, string> { ["User-Agent"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0" };
        var signIn = await (await client.SendAsync(HttpMethod.Post, "/api/auth/login", System.Net.Http.Json.JsonContent.Create(new { email, password = Password }), null, firefox))
            .ExpectAsync(HttpStatusCode.OK);

        var list = await (await client.GetAsync("/api/auth/sessions", bearer: signIn.Token())).ExpectAsync(HttpStatusCode.OK);
        var current = Assert.Single(list.EnumerateArray(), s => s.GetProperty("current").GetBoolean());
        Assert.Equal("Firefox on Windows", current.GetProperty("device").GetString());
    }

    [Fact]
    public async Task A_revoked_session_is_refused_and_cannot_be_revoked_again()
    {
        using var client = api.Client();
        var (first, second, third) = await ThreeSessionsAsync(client);

        await (await client.DeleteAsync($"/api/auth/sessions/{first.SessionId()}", bearer: second.Token())).ExpectAsync(HttpStatusCode.NoContent);
        await (await client.GetAsync("/api/auth/session", bearer: first.Token())).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await client.DeleteAsync($"/api/auth/sessions/{first.SessionId()}", bearer: second.Token())).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.DeleteAsync("/api/auth/sessions/not-a-session", bearer: second.Token())).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        // The others live on.
        await (await client.GetAsync("/api/auth/session", bearer: second.Token())).ExpectAsync(HttpStatusCode.OK);
        await (await client.GetAsync("/api/auth/session", bearer: third.Token())).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Another_users_session_id_is_not_found_rather_than_forbidden()
    {
        using var client = api.Client();
        var (_, _, third) = await ThreeSessionsAsync(client);

        using var stranger = api.Client();
        var (_, strangerSignIn) = await api.RegisteredAndVerifiedAsync(stranger);
        await (await stranger.DeleteAsync($"/api/auth/sessions/{third.SessionId()}", bearer: strangerSignIn.Token())).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.GetAsync("/api/auth/session", bearer: third.Token())).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logging_out_everywhere_ends_every_session()
    {
        using var client = api.Client();
        var (first, second, third) = await ThreeSessionsAsync(client);

        await (await client.PostJsonAsync("/api/auth/logout", new { all = true }, bearer: second.Token())).ExpectAsync(HttpStatusCode.NoContent);
        foreach (var signIn in new[] { first, second, third })
            await (await client.GetAsync("/api/auth/session", bearer: signIn.Token())).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Revoking_the_current_session_by_id_ends_it_and_clears_the_cookie()
    {
        using var client = api.Client();
        var (_, signIn) = await api.RegisteredAndVerifiedAsync(client);
        Assert.Equal(signIn.Token(), client.SessionCookie);

        await (await client.DeleteAsync($"/api/auth/sessions/{signIn.SessionId()}", bearer: signIn.Token())).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Null(client.SessionCookie);
        await (await client.GetAsync("/api/auth/session", bearer: signIn.Token())).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_session_is_refused_without_a_token_or_with_a_forged_one()
    {
        using var client = api.Client();
        var (_, signIn) = await api.RegisteredAndVerifiedAsync(client);
        var token = signIn.Token();

        using var anonymous = api.Client();
        await (await anonymous.GetAsync("/api/auth/session")).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await anonymous.GetAsync("/api/auth/sessions")).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await anonymous.PostJsonAsync("/api/auth/logout", null)).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
        // The same user and session ids, another secret (the secret is the token's last 32 bytes).
        var chars = token.ToCharArray();
        chars[60] = chars[60] == 'A' ? 'B' : 'A';
        var forged = new string(chars);
        await (await anonymous.GetAsync("/api/auth/session", bearer: forged)).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await anonymous.GetAsync("/api/auth/session", bearer: token)).ExpectAsync(HttpStatusCode.OK);
    }
}
