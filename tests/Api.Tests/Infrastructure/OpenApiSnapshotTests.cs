using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Api.Tests.Fixtures;

namespace Platform.Api.Tests.Infrastructure;

/// <summary>docs/openapi.json is the running API's own description: the document and the code cannot drift.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiSnapshotTests(ApiFixture api)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public async Task The_committed_openapi_snapshot_matches_the_running_api()
    {
        using var client = api.Client();
        var served = Normalize(await (await client.GetAsync("/openapi/v1.json")).EnsureSuccessStatusCode().Content.ReadAsStringAsync());
        var path = Path.Combine(Repository.Root, "docs", "openapi.json");

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI_SNAPSHOT") == "1")
        {
            await File.WriteAllTextAsync(path, served);
            return;
        }
        Assert.True(File.Exists(path), $"{path} is missing; run the tests with UPDATE_OPENAPI_SNAPSHOT=1 to write it.");
        var committed = Normalize(await File.ReadAllTextAsync(path));
        Assert.True(committed == served,
            "docs/openapi.json differs from /openapi/v1.json. If the API change is intended, run " +
            "`UPDATE_OPENAPI_SNAPSHOT=1 ./dev.sh test --filter OpenApiSnapshot`, update docs/api.md to match, and commit both.");
    }

    [Fact]
    public async Task Scalar_serves_the_api_reference()
    {
        using var client = api.Client();
        var docs = await client.GetAsync("/scalar/");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("openapi", await docs.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The document without the server address (a random port here) in a stable layout.</summary>
    private static string Normalize(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("servers");
        return node.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }
}
