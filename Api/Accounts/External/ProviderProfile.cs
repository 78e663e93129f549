using Platform.Grains.Interfaces.Text;

namespace Platform.Api.Accounts.External;

/// <summary>What a provider says about a person is input like any other: checked before it is stored.</summary>
public static class ProviderProfile
{
    public const int MaxNameLength = 100;
    public const int MaxPictureUrlLength = 2048;

    /// <summary>The display name under the same rule as a registration's; dropped when it breaks it.</summary>
    public static string? Name(string? name) => UnicodeText.NormalizeText(name, MaxNameLength, out _);

    /// <summary>An absolute https URL of bounded length, or nothing.</summary>
    public static string? Picture(string? url) =>
        url is { Length: <= MaxPictureUrlLength }
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps
        && string.IsNullOrEmpty(uri.UserInfo)
            ? uri.AbsoluteUri : null;
}
