using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Platform.Testing;

/// <summary>An HTTP client for one API node with its own cookie jar, as one browser or app would be.</summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public CookieContainer Cookies { get; } = new();
    public Uri BaseUrl { get; }

    public ApiClient(Uri baseUrl)
    {
        BaseUrl = baseUrl;
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, object? body, string? bearer = null, IDictionary<string, string>? headers = null) =>
        SendAsync(HttpMethod.Post, path, body is null ? null : JsonContent.Create(body), bearer, headers);

    public Task<HttpResponseMessage> PostRawAsync(string path, string rawBody, string contentType = "application/json") =>
        SendAsync(HttpMethod.Post, path, new StringContent(rawBody, Encoding.UTF8, contentType), null, null);

    public Task<HttpResponseMessage> GetAsync(string path, string? bearer = null) => SendAsync(HttpMethod.Get, path, null, bearer, null);

    public Task<HttpResponseMessage> DeleteAsync(string path, string? bearer = null, IDictionary<string, string>? headers = null) =>
        SendAsync(HttpMethod.Delete, path, null, bearer, headers);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, string? bearer, IDictionary<string, string>? headers, bool expectContinue = false)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.ExpectContinue = expectContinue;
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        foreach (var (key, value) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(key, value);
        return await _http.SendAsync(request);
    }

    public string? SessionCookie => Cookies.GetCookies(BaseUrl)["platform_session"]?.Value;

    public void Dispose() => _http.Dispose();
}

public static class ResponseExtensions
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            throw new InvalidOperationException($"Not JSON ({(int)response.StatusCode}): {text}");
        }
    }

    /// <summary>Asserts the status and, for errors, that the body is a problem document with the expected code.</summary>
    public static async Task<JsonElement> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        if (body.Length == 0) return default;
        var json = JsonDocument.Parse(body).RootElement;
        if (code is not null)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(code, json.GetProperty("code").GetString());
            Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        }
        return json;
    }
}
