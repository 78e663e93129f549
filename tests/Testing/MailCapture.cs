using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.Testing;

public sealed record CapturedMail(string To, string Subject, string Text, string Html)
{
    public string Code => Regex.Match(Text, @"\b(\d{6})\b") is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"No code in: {Text}");
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
    public static async Task<CapturedMail> WaitForAsync(string address, int count = 1, TimeSpan? timeout = null)
    {
        IReadOnlyList<CapturedMail> mails = [];
        await Eventually.Async(async () => (mails = await ForAsync(address)).Count >= count, timeout ?? TimeSpan.FromSeconds(15),
            $"expected {count} mail(s) to {address}");
        return mails[count - 1];
    }
}
