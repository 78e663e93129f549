using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Platform.Grains.Interfaces.Accounts;
using Platform.Grains.Mail;

namespace Platform.Testing;

/// <summary>Keeps every mail the grains send, so tests read codes and links as a person would.</summary>
public sealed partial class CapturingMailer : IMailer
{
    private readonly ConcurrentQueue<OutgoingMail> _sent = new();

    public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        _sent.Enqueue(mail);
        return Task.CompletedTask;
    }

    public IReadOnlyList<OutgoingMail> To(string address) => _sent.Where(m => m.To == address).ToList();

    public OutgoingMail LastTo(string address) =>
        To(address).LastOrDefault() ?? throw new Xunit.Sdk.XunitException($"No mail was sent to {address}.");

    public static string CodeIn(OutgoingMail mail)
    {
        var match = CodePattern().Match(mail.Text);
        Assert.True(match.Success, $"No code in mail \"{mail.Subject}\": {mail.Text}");
        return match.Groups[1].Value;
    }

    public static string LinkIn(OutgoingMail mail)
    {
        var match = LinkPattern().Match(mail.Text);
        Assert.True(match.Success, $"No link in mail \"{mail.Subject}\": {mail.Text}");
        return match.Value;
    }

    /// <summary>The token of the verification or password-reset link, read back the way the API's verify page does.</summary>
    public static UserToken LinkTokenIn(OutgoingMail mail)
    {
        var query = new Uri(LinkIn(mail)).Query.TrimStart('?');
        var token = query.Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == "token")[1];
        Assert.True(UserToken.TryParse(Uri.UnescapeDataString(token), out var parsed), $"Unparsable link token: {token}");
        return parsed;
    }

    [GeneratedRegex(@"code is (\d{6})\.")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"https?://\S+/(verify-email|reset-password)\?token=\S+")]
    private static partial Regex LinkPattern();
}
