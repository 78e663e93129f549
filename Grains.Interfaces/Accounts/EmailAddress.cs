using System.Globalization;
using System.Net.Mail;
using System.Text;
using Platform.Grains.Interfaces.Text;

namespace Platform.Grains.Interfaces.Accounts;

/// <summary>How addresses are compared: trimmed and case-insensitive, at most 254 characters.</summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Returns the normalised address, or null when it is not a plain, valid address.</summary>
    public static string? TryNormalize(string? email)
    {
        if (email is null) return null;
        var trimmed = email.Trim();
        if (trimmed.Length is 0 or > MaxLength) return null;
        // Invisible and control characters (bidi overrides, zero-width joiners, NUL…) only disguise an address.
        if (!UnicodeText.All(trimmed, rune => rune.IsBmp && !Rune.IsWhiteSpace(rune) && !UnicodeText.IsHidden(rune) && !IsSpecial((char)rune.Value)))
            return null;
        trimmed = trimmed.Normalize(NormalizationForm.FormC);
        if (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || parsed.DisplayName.Length > 0)
            return null;
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1) return null;
        // One address, one key: the local part in NFC, the domain in its ASCII (IDNA) form, so
        // look-alike spellings that mail delivers to the same domain are the same address.
        string domain;
        try
        {
            domain = new IdnMapping { UseStd3AsciiRules = true }.GetAscii(trimmed[(at + 1)..]);
        }
        catch (ArgumentException)
        {
            return null;
        }
        var address = trimmed[..at] + "@" + domain;
        return address.Length > MaxLength ? null : Normalize(address);
    }

    private static bool IsSpecial(char c) => c is '<' or '>' or '"' or '(' or ')' or ',' or ';' or ':' or '\\';

    /// <summary>
    /// Whether the part before the last @ is ASCII. A provider's verified address with a
    /// non-ASCII local part may fold onto another mailbox's key, so it links nothing.
    /// </summary>
    public static bool HasAsciiLocalPart(string email)
    {
        var at = email.LastIndexOf('@');
        return at > 0 && Ascii.IsValid(email.AsSpan(0, at));
    }
}
