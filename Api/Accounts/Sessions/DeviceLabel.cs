using Platform.Grains.Interfaces.Accounts;

namespace Platform.Api.Accounts.Sessions;

/// <summary>
/// A person-readable name for the client of a sign-in, from its User-Agent ("Firefox on Windows",
/// "Safari on iOS", "curl"), for the account page's list of sessions. Only known words and the first
/// product token are kept, so a crafted header cannot put arbitrary text on that page.
/// </summary>
public static class DeviceLabel
{
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("EdgA/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"), ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"),
        ("CriOS/", "Chrome"), ("Chrome/", "Chrome"), ("Chromium/", "Chromium"), ("Safari/", "Safari"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("Windows", "Windows"), ("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("CrOS", "ChromeOS"), ("Mac OS X", "macOS"), ("Macintosh", "macOS"), ("Linux", "Linux"),
    ];

    public static string? From(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return null;
        var browser = Browsers.FirstOrDefault(b => userAgent.Contains(b.Token, StringComparison.Ordinal)).Name;
        var system = Systems.FirstOrDefault(s => userAgent.Contains(s.Token, StringComparison.Ordinal)).Name;
        if (browser is not null && userAgent.StartsWith("Mozilla/", StringComparison.Ordinal))
            return system is null ? browser : $"{browser} on {system}";
        // Not a browser: its product name (the part before the first '/' or space), e.g. "curl".
        var product = new string([.. userAgent.TakeWhile(c => c is not ('/' or ' ')).Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')]);
        return product.Length == 0 ? null : product[..Math.Min(product.Length, SessionDevice.MaxLength)];
    }
}
