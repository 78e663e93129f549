using System.IO.Compression;
using System.Text.Json;

namespace Platform.Browser.Tests;

/// <summary>The JavaScript a first visit loads (the entry and what it imports statically; hls.js and lazy pages come later) stays within 150 KB gzipped.</summary>
public sealed class FirstLoadBudgetTests
{
    private const int BudgetBytes = 150 * 1024;

    [Fact]
    public void The_first_load_is_at_most_150_KB_of_gzipped_JavaScript()
    {
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(BrowserStack.WebRoot, ".vite", "manifest.json"))).RootElement;
        var entry = manifest.EnumerateObject().Single(c => c.Value.TryGetProperty("isEntry", out var e) && e.GetBoolean()).Name;
        var files = new HashSet<string>();
        var pending = new Stack<string>([entry]);
        while (pending.TryPop(out var chunk))
        {
            var item = manifest.GetProperty(chunk);
            if (!files.Add(item.GetProperty("file").GetString()!)) continue;
            if (item.TryGetProperty("imports", out var imports))
                foreach (var import in imports.EnumerateArray()) pending.Push(import.GetString()!);
        }

        var gzipped = files.Where(f => f.EndsWith(".js", StringComparison.Ordinal)).ToDictionary(f => f, f => GzippedLength(Path.Combine(BrowserStack.WebRoot, f)));

        Assert.DoesNotContain(gzipped.Keys, f => f.Contains("hls", StringComparison.OrdinalIgnoreCase));
        Assert.True(gzipped.Values.Sum() <= BudgetBytes, $"first load: {gzipped.Values.Sum()} bytes gzipped ({string.Join(", ", gzipped.Select(g => $"{g.Key} {g.Value}"))})");
    }

    private static long GzippedLength(string path)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
            gzip.Write(File.ReadAllBytes(path));
        return output.Length;
    }
}
