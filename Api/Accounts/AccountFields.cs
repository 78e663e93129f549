using Platform.Api.Infrastructure.Errors;
using Platform.Grains.Interfaces.Accounts;

namespace Platform.Api.Accounts;

/// <summary>The account fields' rules, checked before any grain is asked.</summary>
public static class AccountFields
{
    public static string? Email(this RequestErrors errors, string? value, string field = "email")
    {
        if (string.IsNullOrWhiteSpace(value)) { errors.Add(field, "Email is required."); return null; }
        var email = EmailAddress.TryNormalize(value);
        if (email is null) errors.Add(field, $"Enter a valid email address of at most {EmailAddress.MaxLength} characters.");
        return email;
    }

    public static string? NewPassword(this RequestErrors errors, string? value, string field = "password")
    {
        if (string.IsNullOrEmpty(value)) { errors.Add(field, "Password is required."); return null; }
        if (PasswordPolicy.Check(value) is { } problem) { errors.Add(field, problem); return null; }
        return value;
    }

    public static string? Password(this RequestErrors errors, string? value, string field = "password")
    {
        if (string.IsNullOrEmpty(value)) { errors.Add(field, "Password is required."); return null; }
        if (value.Length > PasswordPolicy.MaxLength * 2) { errors.Add(field, $"The password must have at most {PasswordPolicy.MaxLength} characters."); return null; }
        return value;
    }

    /// <summary>The hash of an optional registration handle; a malformed one is an error, not ignored.</summary>
    public static byte[]? RegistrationHandle(this RequestErrors errors, string? value, string field = "registration")
    {
        if (value is null) return null;
        var hash = Accounts.RegistrationHandle.TryHash(value.Trim());
        if (hash is null) errors.Add(field, "This is not a registration handle from /api/auth/register.");
        return hash;
    }

    public static string? Code(this RequestErrors errors, string? value, string field = "code")
    {
        if (value is { Length: > 64 }) { errors.Add(field, "The code has 6 digits."); return null; }
        var code = value?.Trim();
        if (string.IsNullOrEmpty(code)) { errors.Add(field, "Code is required."); return null; }
        if (code.Length != 6 || !code.All(char.IsAsciiDigit)) { errors.Add(field, "The code has 6 digits."); return null; }
        return code;
    }
}
