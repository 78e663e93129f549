using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Platform.Api.Tests.Fixtures;

namespace Platform.Api.Tests.Accounts;

/// <summary>Text that counts as few characters but is huge in bytes is refused, not stored.</summary>
[Collection(ApiCollection.Name)]
public sealed class OversizedTextTests(ApiFixture api)
{
    [Fact]
    public async Task A_name_of_one_letter_and_300000_combining_marks_is_refused()
    {
        using var client = api.Client();
        var name = "a" + new string('\u0301', 300_000);
        // Raw UTF-8 (2 bytes a mark, 600 KB): under the body limit, so the field rule must catch it.
        var body = JsonSerializer.Serialize(new { email = $"marks-{Guid.NewGuid():N}@example.test", password = "a long enough passphrase", name },
            new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.True(Encoding.UTF8.GetByteCount(body) < 1024 * 1024);

        var refused = await (await client.PostRawAsync("/api/auth/register", body)).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(refused.GetProperty("errors").TryGetProperty("name", out _), refused.ToString());
    }
}
