using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Grains.Interfaces.Users;

namespace Platform.Api.Endpoints;

/// <summary>Collects field errors of one request and turns them into one validation problem.</summary>
public sealed class RequestErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public ProblemHttpResult ToProblem() => Problems.Problems.Validation(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    public string? Email(string? value, string field = "email")
    {
        if (string.IsNullOrWhiteSpace(value)) { Add(field, "Email is required."); return null; }
        var email = EmailAddress.TryNormalize(value);
        if (email is null) Add(field, $"Enter a valid email address of at most {EmailAddress.MaxLength} characters.");
        return email;
    }

    public string? NewPassword(string? value, string field = "password")
    {
        if (string.IsNullOrEmpty(value)) { Add(field, "Password is required."); return null; }
        if (PasswordPolicy.Check(value) is { } problem) { Add(field, problem); return null; }
        return value;
    }

    public string? Password(string? value, string field = "password")
    {
        if (string.IsNullOrEmpty(value)) { Add(field, "Password is required."); return null; }
        if (value.Length > PasswordPolicy.MaxLength * 2) { Add(field, $"The password must have at most {PasswordPolicy.MaxLength} characters."); return null; }
        return value;
    }

    public string? Code(string? value, string field = "code")
    {
        var code = value?.Trim();
        if (string.IsNullOrEmpty(code)) { Add(field, "Code is required."); return null; }
        if (code.Length != 6 || !code.All(char.IsAsciiDigit)) { Add(field, "The code has 6 digits."); return null; }
        return code;
    }

    /// <summary>Optional free text: trimmed, bounded, no control or invisible formatting characters.</summary>
    public string? Text(string? value, string field, int maxLength)
    {
        if (value is null) return null;
        var text = value.Trim();
        if (text.Length == 0) return null;
        if (!IsPlainText(text)) { Add(field, "Contains characters that are not allowed."); return null; }
        var normalized = text.Normalize(NormalizationForm.FormC);
        if (new StringInfo(normalized).LengthInTextElements > maxLength) { Add(field, $"At most {maxLength} characters."); return null; }
        return normalized;
    }

    public string? Required(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) { Add(field, $"{char.ToUpperInvariant(field[0])}{field[1..]} is required."); return null; }
        if (value.Length > maxLength) { Add(field, $"At most {maxLength} characters."); return null; }
        return value.Trim();
    }

    private static bool IsPlainText(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done) return false;
            var category = Rune.GetUnicodeCategory(rune);
            // Control characters, and format characters such as bidi overrides and zero-width joiners used to disguise text.
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
                return false;
            i += consumed;
        }
        return true;
    }
}
