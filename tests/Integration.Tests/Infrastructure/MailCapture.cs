using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.Integration.Tests.Infrastructure;

public sealed record CapturedMail(string To, string Subject, string Text, string Html)
{
    public string Code => Regex.Match(Text, @"\b(\d{6})\b") is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"No code in: {Text}");
    public string LinkToken => Regex.Match(Text, @"token=([A-Za-z0-9_\-%]+)") is { Success: true } m ? Uri.UnescapeDataString(m.Groups[1].Value) : throw new InvalidOperationException($"No link in: {Text}");
    public string Link => Regex.Match(Text, @"(https?://\S+/verify-email\?token=\S+)") is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"No link in: {Text}");
}

/// <summary>Reads what the platform mailed from the mail capture's HTTP API.</summary>
public static class MailCapture
{
    private static readonly HttpClient Http = new() { BaseAddress = TestServices.MailCapture, Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<IReadOnlyList<CapturedMail>> ForAsync(string address)
    {
        var all = await Http.GetFromJsonAsync<JsonElement>("/api/email");
        return all.EnumerateArray()
            .Where(m => m.GetProperty("to").EnumerateArray().Any(t => string.Equals(t.GetProperty("address").GetString(), address, StringComparison.OrdinalIgnoreCase)))
            .Select(m => new CapturedMail(address, m.GetProperty("subject").GetString() ?? "",
                m.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "",
                m.TryGetProperty("html", out var h) ? h.GetString() ?? "" : ""))
            .ToList();
    }

    /// <summary>Waits for the <paramref name="count"/>-th mail to an address and returns it.</summary>
    public static async Task<CapturedMail> WaitForAsync(string address, int count = 1, TimeSpan? timeout = null, Func<Task>? whilePolling = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            if (whilePolling is not null) await whilePolling();
            var mails = await ForAsync(address);
            if (mails.Count >= count) return mails[count - 1];
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Expected {count} mail(s) to {address}, got {mails.Count}.");
            await Task.Delay(whilePolling is null ? 100 : 250);
        }
    }

    /// <summary>Checks that no further mail arrives; the platform sends synchronously, so the count is final once the call returned.</summary>
    public static async Task<int> CountAsync(string address) => (await ForAsync(address)).Count;
}
