using System.Net;
using System.Text.Json;
using Platform.Grains.Mail;

namespace Platform.Api.Tests.Fixtures;

/// <summary>Steps that many account tests share: fresh addresses, mail as the person receives it, a verified account.</summary>
public static class AccountSteps
{
    public const string Password = "a long enough passphrase";

    public static string NewEmail(string tag) => $"{tag}-{Guid.NewGuid():N}@example.test";

    /// <summary>Waits for the <paramref name="count"/>-th mail to <paramref name="address"/> and returns it.</summary>
    public static async Task<OutgoingMail> MailAsync(this ApiFixture api, string address, int count = 1)
    {
        await Eventually.Async(() => Task.FromResult(api.Mail.To(address).Count >= count), TimeSpan.FromSeconds(15),
            $"mail number {count} to {address} never came (got {api.Mail.To(address).Count})");
        return api.Mail.To(address)[count - 1];
    }

    /// <summary>Registers a new address (name Ann, <see cref="Password"/>), verifies it by the mailed code with its registration handle (so the password is the account's) and returns the sign-in.</summary>
    public static async Task<(string Email, JsonElement SignIn)> RegisteredAndVerifiedAsync(this ApiFixture api, ApiClient client, string tag = "user")
    {
        var email = NewEmail(tag);
        var registration = (await (await client.PostJsonAsync("/api/auth/register", new { email, password = Password, name = "Ann" })).ExpectAsync(HttpStatusCode.Accepted)).Registration();
        var code = CapturingMailer.CodeIn(await api.MailAsync(email));
        var signIn = await (await client.PostJsonAsync("/api/auth/verify-email", new { email, code, registration })).ExpectAsync(HttpStatusCode.OK);
        return (email, signIn);
    }

    /// <summary>The registration handle of a register answer.</summary>
    public static string Registration(this JsonElement registered) => registered.GetProperty("registration").GetString()!;

    public static string Token(this JsonElement signIn) => signIn.GetProperty("token").GetString()!;

    public static string SessionId(this JsonElement signIn) => signIn.GetProperty("session").GetProperty("id").GetString()!;
}
