namespace Platform.Api.Accounts.Contracts;

/// <summary><see cref="CurrentPassword"/> is required when the account has a password.</summary>
public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);
