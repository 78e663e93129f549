using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Api.Tests.Fixtures;

namespace Platform.Api.Tests.Infrastructure;

/// <summary>Errors the framework produces on its own (routing, methods, media types) are problem documents with a code, like every other error.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProblemDocumentTests(ApiFixture api)
{
    /// <summary>Besides status and code (checked by ExpectAsync), a title for people.</summary>
    private static void AssertProblemMembers(JsonElement problem) =>
        Assert.True(problem.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String, $"No title in {problem}");

    [Theory]
    [InlineData("GET", "/api/nothing-here")]
    [InlineData("POST", "/api/nothing-here")]
    [InlineData("POST", "/nothing-here")] // a GET is the web app's (WebAppTests)
    [InlineData("GET", "/api/auth/sessions/x/y")]
    public async Task An_unknown_route_is_a_404_not_found_problem(string method, string path)
    {
        using var client = api.Client();
        var response = await client.SendAsync(new HttpMethod(method), path, null, null, null);
        AssertProblemMembers(await response.ExpectAsync(HttpStatusCode.NotFound, "not_found"));
    }

    [Theory]
    [InlineData("GET", "/api/auth/register", "POST")]
    [InlineData("PUT", "/api/auth/login", "POST")]
    [InlineData("DELETE", "/api/auth/session", "GET")]
    [InlineData("POST", "/api/auth/providers", "GET")]
    public async Task A_known_route_with_the_wrong_method_is_a_405_method_not_allowed_problem(string method, string path, string allowed)
    {
        using var client = api.Client();
        var response = await client.SendAsync(new HttpMethod(method), path, null, null, null);
        AssertProblemMembers(await response.ExpectAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed"));
        Assert.Contains(allowed, response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("/api/auth/login", "application/x-www-form-urlencoded", "email=a%40example.test&password=x")]
    [InlineData("/api/auth/register", "text/plain", "{\"email\": \"a@example.test\", \"password\": \"a long enough passphrase\"}")]
    [InlineData("/api/auth/otp/send", "application/xml", "<email>a@example.test</email>")]
    public async Task A_body_that_is_not_json_is_a_415_unsupported_media_type_problem(string path, string contentType, string body)
    {
        using var client = api.Client();
        var response = await client.PostRawAsync(path, body, contentType);
        AssertProblemMembers(await response.ExpectAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type"));
    }

    [Fact]
    public async Task Problems_the_framework_produces_carry_a_detail_as_every_problem_does()
    {
        using var client = api.Client();
        var responses = new[]
        {
            await client.GetAsync("/api/nothing-here"),
            await client.GetAsync("/api/auth/register"),
            await client.PostRawAsync("/api/auth/login", "email=a", "application/x-www-form-urlencoded"),
        };
        foreach (var response in responses)
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String, $"No detail in {problem}");
        }
    }
}
