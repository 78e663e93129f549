using System.Net;
using Microsoft.Extensions.Options;
using Platform.Grains.Interfaces.Accounts;
using Platform.Grains.Mail;

namespace Platform.Grains.Accounts;

/// <summary>The words of every account email, in plain text and HTML.</summary>
public sealed class AccountEmails(IOptions<AuthRules> rules)
{
    public OutgoingMail Verification(string to, string code, string linkToken, TimeSpan codeLifetime)
    {
        var link = new Uri(rules.Value.EmailLinkBaseUrl!, $"/verify-email?token={Uri.EscapeDataString(linkToken)}").ToString();
        var minutes = (int)codeLifetime.TotalMinutes;
        return Compose(to, "Verify your email address",
            $"Your verification code is {code}. It is valid for {minutes} minutes.",
            $"Or open this link to verify your address: {link}",
            "If you did not create an account, ignore this email.",
            linkForHtml: link);
    }

    public OutgoingMail Code(string to, string code, CodePurpose purpose, TimeSpan codeLifetime)
    {
        var minutes = (int)codeLifetime.TotalMinutes;
        return purpose == CodePurpose.VerifyEmail
            ? Compose(to, "Your verification code",
                $"Your verification code is {code}. It is valid for {minutes} minutes.",
                "If you did not ask for it, ignore this email.")
            : Compose(to, "Your sign-in code",
                $"Your sign-in code is {code}. It is valid for {minutes} minutes.",
                "If you did not try to sign in, ignore this email; nobody can sign in without the code.");
    }

    public OutgoingMail PasswordReset(string to, string code, string linkToken, TimeSpan codeLifetime)
    {
        var link = new Uri(rules.Value.EmailLinkBaseUrl!, $"/reset-password?token={Uri.EscapeDataString(linkToken)}").ToString();
        var minutes = (int)codeLifetime.TotalMinutes;
        return Compose(to, "Set a new password",
            $"Your password-reset code is {code}. It and the link below are valid for {minutes} minutes.",
            $"Or open this link to choose a new password: {link}",
            "If you did not ask for it, ignore this email; your password stays as it is.",
            linkForHtml: link);
    }

    public OutgoingMail AlreadyRegistered(string to) =>
        Compose(to, "You already have an account",
            "Someone, probably you, tried to create an account with this address, but you already have one.",
            "Sign in with your password, or ask for a sign-in code. If it was not you, ignore this email.");

    private static OutgoingMail Compose(string to, string subject, string first, string second, string? third = null, string? linkForHtml = null)
    {
        var lines = new[] { first, second, third }.Where(l => l is not null).Cast<string>().ToArray();
        var text = string.Join("\n\n", lines) + "\n";
        var html = "<!doctype html><html><body style=\"font-family:sans-serif\">" +
            string.Concat(lines.Select(l => $"<p>{Linkify(l, linkForHtml)}</p>")) + "</body></html>";
        return new OutgoingMail(to, subject, text, html);
    }

    private static string Linkify(string line, string? link)
    {
        var encoded = WebUtility.HtmlEncode(line);
        if (link is null) return encoded;
        var encodedLink = WebUtility.HtmlEncode(link);
        return encoded.Replace(encodedLink, $"<a href=\"{encodedLink}\">{encodedLink}</a>");
    }
}
