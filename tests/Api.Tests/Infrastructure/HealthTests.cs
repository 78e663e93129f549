using System.Net;
using Platform.Api.Tests.Fixtures;

namespace Platform.Api.Tests.Infrastructure;

/// <summary>What load balancers and operators ask the API: is it up, can it reach what it needs, what does it serve.</summary>
[Collection(ApiCollection.Name)]
public sealed class HealthTests(ApiFixture api)
{
    [Fact]
    public async Task Readiness_reports_postgres_rabbitmq_object_storage_and_the_cluster()
    {
        using var client = api.Client();
        var ready = await (await client.GetAsync("/health/ready")).ExpectAsync(HttpStatusCode.OK);
        foreach (var check in new[] { "postgres", "rabbitmq", "object-storage", "orleans" })
            Assert.True(ready.GetProperty("checks").TryGetProperty(check, out _), check);
    }

    [Fact]
    public async Task Readiness_answers_from_a_result_a_couple_of_seconds_old_at_most()
    {
        using var client = api.Client();
        var checkedAt = new List<DateTimeOffset>();
        for (var i = 0; i < 3; i++)
        {
            var ready = await (await client.GetAsync("/health/ready")).ExpectAsync(HttpStatusCode.OK);
            checkedAt.Add(ready.GetProperty("checkedAt").GetDateTimeOffset());
        }
        // Three quick calls straddle at most one refresh: at least two share one round of checks.
        Assert.True(checkedAt.Distinct().Count() < 3, string.Join(", ", checkedAt));
        Assert.All(checkedAt, t => Assert.True(DateTimeOffset.UtcNow - t < TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Liveness_answers_200()
    {
        using var client = api.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_description_and_the_api_reference_are_served()
    {
        using var client = api.Client();
        var openApi = await (await client.GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/auth/register", out _));
        var docs = await client.GetAsync("/scalar");
        if (docs.StatusCode == HttpStatusCode.Found) docs = await client.GetAsync(docs.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("openapi", await docs.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
