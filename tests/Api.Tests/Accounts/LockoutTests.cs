using System.Net;
using Platform.Api.Tests.Fixtures;

namespace Platform.Api.Tests.Accounts;

/// <summary>Password guessing against one account stops after ten failures.</summary>
[Collection(ApiCollection.Name)]
public sealed class LockoutTests(ApiFixture api)
{
    [Fact]
    public async Task Ten_failed_logins_lock_the_account_for_the_window()
    {
        using var client = api.Client();
        var (email, _) = await api.RegisteredAndVerifiedAsync(client);
        for (var i = 0; i < 10; i++)
            await (await client.PostJsonAsync("/api/auth/login", new { email, password = $"wrong password {i}" })).ExpectAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        var locked = await client.PostJsonAsync("/api/auth/login", new { email, password = AccountSteps.Password });
        await locked.ExpectAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(14));
    }
}
