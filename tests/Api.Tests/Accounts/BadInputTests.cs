using System.Net;
using System.Text;
using System.Text.Json;
using Platform.Api.Tests.Fixtures;

namespace Platform.Api.Tests.Accounts;

/// <summary>Malformed, hostile or oversized input gets a 400 problem document, never a 5xx.</summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(ApiFixture api)
{
    private static readonly string[] Routes =
    [
        "/api/auth/register", "/api/auth/login", "/api/auth/verify-email", "/api/auth/otp/send", "/api/auth/otp/verify",
        "/api/auth/password/forgot", "/api/auth/password/reset",
    ];

    private static readonly string[] PasswordRoutes = ["/api/auth/register", "/api/auth/login"];

    private static readonly (string Name, string Body)[] Bodies =
    [
        ("malformed JSON", "{\"email\": "),
        ("not an object", "[1, 2, 3]"),
        ("a bare string", "\"hello\""),
        ("null", "null"),
        ("empty object", "{}"),
        ("wrong types", "{\"email\": 5, \"password\": true, \"code\": [], \"name\": {}, \"purpose\": 1, \"token\": 7}"),
        ("over-long email", Json(new { email = new string('a', 250) + "@example.test", password = "a long enough passphrase", code = "123456" })),
        ("right-to-left override in the address", Json(new { email = "\u202Eadmin@example.test", password = "a long enough passphrase", code = "123456" })),
        ("full-width at sign", Json(new { email = "admin\uFF20example.test", password = "a long enough passphrase", code = "123456" })),
        ("NUL in the address", Json(new { email = "ad\u0000min@example.test", password = "a long enough passphrase", code = "123456" })),
        ("lone surrogate", "{\"email\": \"\\ud800@example.test\", \"password\": \"\\ud800 long enough pw\", \"code\": \"\\ud800\"}"),
        ("deep nesting", new string('[', 5000) + new string(']', 5000)),
    ];

    private static readonly (string Name, string Body)[] PasswordBodies =
    [
        ("over-long password", Json(new { email = "x@example.test", password = new string('p', 5000) })),
    ];

    public static IEnumerable<object[]> Cases() =>
        (from route in Routes from body in Bodies select new object[] { route, body.Name })
        .Concat(from route in PasswordRoutes from body in PasswordBodies select new object[] { route, body.Name });

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_bodies_get_a_400_validation_problem(string route, string caseName)
    {
        using var client = api.Client();
        var body = Bodies.Concat(PasswordBodies).Single(b => b.Name == caseName).Body;
        var response = await client.PostRawAsync(route, body);
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var code = problem.GetProperty("code").GetString();
        // A well-formed token that names nothing is a wrong code, not a form error.
        Assert.True(code is "validation_failed" or "invalid_code", $"{route} / {caseName}: {problem}");
        if (code == "validation_failed") Assert.Equal(JsonValueKind.Object, problem.GetProperty("errors").ValueKind);
    }

    [Theory]
    [MemberData(nameof(RouteNames))]
    public async Task A_ten_megabyte_body_is_refused_without_a_server_error(string route)
    {
        using var client = api.Client();
        var huge = new StringContent("{\"email\": \"" + new string('a', 10 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json");
        // As well-behaved clients do with large bodies, wait for the server's go-ahead before sending.
        var response = await client.SendAsync(HttpMethod.Post, route, huge, null, null, expectContinue: true);
        await response.ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    public static IEnumerable<object[]> RouteNames() => Routes.Select(r => new object[] { r });

    [Theory]
    [InlineData("/api/auth/register", "{\"email\": \"ok@example.test\", \"password\": \"short\"}", "password")]
    [InlineData("/api/auth/register", "{\"email\": \"ok@example.test\", \"password\": \"Password123\"}", "password")]
    [InlineData("/api/auth/register", "{\"email\": \"ok@example.test\", \"password\": \"a long enough passphrase\", \"name\": \"evil\\u202Ename\"}", "name")]
    [InlineData("/api/auth/otp/send", "{\"email\": \"ok@example.test\", \"purpose\": \"reset\"}", "purpose")]
    [InlineData("/api/auth/otp/verify", "{\"email\": \"ok@example.test\", \"code\": \"12a456\"}", "code")]
    [InlineData("/api/auth/login", "{\"provider\": \"nowhere\"}", "provider")]
    [InlineData("/api/auth/login", "{\"provider\": \"local\", \"redirectTo\": \"https://evil.example/\"}", "redirectTo")]
    [InlineData("/api/auth/login", "{\"provider\": \"local\", \"redirectTo\": \"//evil.example/\"}", "redirectTo")]
    public async Task Field_errors_name_the_field(string route, string body, string field)
    {
        using var client = api.Client();
        var problem = await (await client.PostRawAsync(route, body)).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Garbage_tokens_and_session_ids_are_plain_refusals()
    {
        using var client = api.Client();
        await (await client.GetAsync("/api/auth/session", bearer: "garbage")).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await client.GetAsync("/api/auth/session", bearer: new string('A', 86))).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await client.PostJsonAsync("/api/auth/verify-email", new { token = "garbage" })).ExpectAsync(HttpStatusCode.BadRequest, "invalid_code");
        await (await client.DeleteAsync("/api/auth/sessions/x")).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await client.GetAsync("/api/nothing-here")).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        var wrongType = await client.SendAsync(HttpMethod.Post, "/api/auth/login", new StringContent("email=a", Encoding.UTF8, "application/x-www-form-urlencoded"), null, null);
        Assert.InRange((int)wrongType.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", wrongType.Content.Headers.ContentType?.MediaType);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
