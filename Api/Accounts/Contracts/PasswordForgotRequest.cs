namespace Platform.Api.Accounts.Contracts;

public sealed record PasswordForgotRequest(string? Email);
