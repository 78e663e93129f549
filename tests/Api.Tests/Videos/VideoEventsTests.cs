using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Platform.Api.Tests.Fixtures;

namespace Platform.Api.Tests.Videos;

/// <summary>The live status of a video as Server-Sent Events, fed by the video grain while the real pipeline runs.</summary>
[Collection(ApiCollection.Name)]
public sealed class VideoEventsTests(ApiFixture api) : IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly string _dir = Directory.CreateTempSubdirectory("events-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed record Event(long Id, JsonElement Video);

    /// <summary>The last stream read ended with its "end" event.</summary>
    private bool Ended { get; set; }

    /// <summary>Reads the stream to its end (or <paramref name="timeout"/>): every event, in order.</summary>
    private async Task<List<Event>> ReadAsync(HttpResponseMessage response, TimeSpan timeout, Action<Event>? onEvent = null)
    {
        var events = new List<Event>();
        using var cut = new CancellationTokenSource(timeout);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cut.Token));
        long id = 0;
        string? data = null, name = null;
        while (await reader.ReadLineAsync(cut.Token) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal)) id = long.Parse(line[4..]);
            else if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
            else if (line.Length == 0 && data is not null)
            {
                if (name == "end") Ended = true;
                else
                {
                    Assert.Equal("video", name);
                    var e = new Event(id, JsonDocument.Parse(data).RootElement);
                    events.Add(e);
                    onEvent?.Invoke(e);
                }
                (data, name) = (null, null);
            }
        }
        return events;
    }

    private HttpRequestMessage Request(string id, string? token, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(api.BaseUrl, $"/api/videos/{id}/events"));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        return request;
    }

    [Fact]
    public async Task A_client_connected_before_complete_sees_queued_processing_and_ready()
    {
        var who = await api.UploaderAsync();
        var file = await TestMedia.GenerateAsync(Path.Combine(_dir, "live.mp4"), 1280, 720, 6, audio: true);
        var bytes = await File.ReadAllBytesAsync(file);
        var created = await who.CreateAsync(bytes.Length, "Live");
        var id = created.Id();
        await VideoSteps.PutAsync(created.GetProperty("upload"), bytes);

        using var response = await Http.SendAsync(Request(id, who.Token), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Task<HttpResponseMessage>? complete = null;
        var events = await ReadAsync(response, TimeSpan.FromMinutes(3), e =>
        {
            // The first event is the state as it is: then the upload is completed, as a client would.
            complete ??= who.Client.PostJsonAsync($"/api/videos/{id}/complete", null, who.Token);
        });
        Assert.Equal(HttpStatusCode.Accepted, (await complete!).StatusCode);

        var statuses = events.Select(e => e.Video.GetProperty("status").GetString()).ToList();
        Assert.Equal("awaiting_upload", statuses[0]);
        Assert.Equal("ready", statuses[^1]);
        var order = new[] { "awaiting_upload", "queued", "processing", "ready" };
        var steps = statuses.Select(st => Array.IndexOf(order, st)).ToList();
        Assert.Equal(steps.Order(), steps); // only forward
        var progress = events.Where(e => e.Video.GetProperty("status").GetString() == "processing").Select(e => e.Video.GetProperty("progress").GetInt32()).ToList();
        Assert.Contains(progress, p => p is > 0 and < 100);
        Assert.Equal(progress.Order(), progress);
        Assert.Equal(events.Select(e => e.Id).Order(), events.Select(e => e.Id));
        Assert.NotNull(events[^1].Video.GetProperty("playbackUrl").GetString());
        Assert.True(Ended, "the stream did not say it ended");

        // Reconnecting with the last id: nothing new, and 204 tells the browser to stop reconnecting.
        using var again = await Http.SendAsync(Request(id, who.Token, events[^1].Id.ToString()), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        // Reconnecting with an older id: the current state at once.
        using var behind = await Http.SendAsync(Request(id, who.Token, events[0].Id.ToString()), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(["ready"], (await ReadAsync(behind, TimeSpan.FromSeconds(30))).Select(e => e.Video.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Strangers_and_anonymous_callers_get_404_for_a_video_they_may_not_see()
    {
        var who = await api.UploaderAsync();
        var id = (await who.CreateAsync(100)).Id();
        var stranger = await api.UploaderAsync("stranger");

        using var anonymous = await Http.SendAsync(Request(id, null));
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        using var foreign = await Http.SendAsync(Request(id, stranger.Token));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        using var unknown = await Http.SendAsync(Request(Guid.NewGuid().ToString(), who.Token));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
