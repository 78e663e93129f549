using System.Reflection;
using System.Text;
using Platform.Grains.Interfaces.Text;

namespace Platform.Grains.Interfaces.Accounts;

/// <summary>
/// OWASP ASVS 5.0 §6.2: 8 to 128 characters, no composition rules, and none of the 3,000 most
/// common passwords. Passwords are compared and hashed in Unicode normalisation form C so that
/// the same visible text always gives the same password.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommonPasswords);

    /// <summary>Returns why the password is refused, or null when it is acceptable.</summary>
    public static string? Check(string password)
    {
        if (!IsWellFormed(password)) return "The password contains invalid characters.";
        var normalized = password.Normalize(NormalizationForm.FormC);
        var length = normalized.EnumerateRunes().Count();
        if (length < MinLength) return $"The password must have at least {MinLength} characters.";
        if (length > MaxLength) return $"The password must have at most {MaxLength} characters.";
        if (Common.Value.Contains(normalized.ToLowerInvariant())) return "This password is too common; choose another.";
        return null;
    }

    /// <summary>The form in which a password is hashed.</summary>
    public static string Canonical(string password) =>
        IsWellFormed(password) ? password.Normalize(NormalizationForm.FormC) : password;

    private static bool IsWellFormed(string text) => UnicodeText.All(text, rune => rune.Value != 0);

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded in the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            set.Add(line.ToLowerInvariant());
        }
        return set;
    }
}
