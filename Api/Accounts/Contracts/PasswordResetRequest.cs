namespace Platform.Api.Accounts.Contracts;

/// <summary><c>{email, code, newPassword}</c> or <c>{token, newPassword}</c>.</summary>
public sealed record PasswordResetRequest(string? Email, string? Code, string? Token, string? NewPassword);
