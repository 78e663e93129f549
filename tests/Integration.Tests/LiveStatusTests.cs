using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Platform.Integration.Tests.Infrastructure;

namespace Platform.Integration.Tests;

/// <summary>
/// The live status across API nodes: the upload goes through node A, the event stream is read from
/// node B, and the job runs in the silo process; the grain tells node B directly.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class LiveStatusTests(PlatformStack stack) : IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly string _dir = Directory.CreateTempSubdirectory("live-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Events_read_through_another_api_node_follow_the_job_to_ready()
    {
        using var a = stack.ClientA();
        var email = $"live-{Guid.NewGuid():N}@example.test";
        var registration = (await (await a.PostJsonAsync("/api/auth/register", new { email, password = "a long enough passphrase" })).ExpectAsync(HttpStatusCode.Accepted))
            .GetProperty("registration").GetString();
        var code = (await MailCapture.WaitForAsync(email)).Code;
        var token = (await (await a.PostJsonAsync("/api/auth/verify-email", new { email, code, registration })).ExpectAsync(HttpStatusCode.OK)).GetProperty("token").GetString()!;
        var bytes = await File.ReadAllBytesAsync(await TestMedia.GenerateAsync(Path.Combine(_dir, "live.mp4"), 640, 360, 4, audio: true));
        var created = await (await a.PostJsonAsync("/api/videos", new { title = "Live", fileName = "l.mp4", contentType = "video/mp4", sizeBytes = bytes.Length }, token))
            .ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("video").GetProperty("id").GetString()!;
        using (var put = await Http.PutAsync(created.GetProperty("upload").GetProperty("url").GetString(), new ByteArrayContent(bytes))) Assert.True(put.IsSuccessStatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(stack.ApiB, $"/api/videos/{id}/events"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var cut = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cut.Token));
        var statuses = new List<string>();
        while (await reader.ReadLineAsync(cut.Token) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal) || !JsonDocument.Parse(line[6..]).RootElement.TryGetProperty("status", out var status)) continue;
            statuses.Add(status.GetString()!);
            if (statuses.Count == 1) await (await a.PostJsonAsync($"/api/videos/{id}/complete", null, token)).ExpectAsync(HttpStatusCode.Accepted);
        }

        Assert.Equal("awaiting_upload", statuses[0]);
        Assert.Contains("queued", statuses);
        Assert.Contains("processing", statuses);
        Assert.Equal("ready", statuses[^1]);
    }
}
