namespace Platform.Api.Accounts.Contracts;

public sealed record VerifyEmailRequest(string? Email, string? Code, string? Token, string? Registration);
