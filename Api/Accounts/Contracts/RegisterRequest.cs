namespace Platform.Api.Accounts.Contracts;

public sealed record RegisterRequest(string? Email, string? Password, string? Name);
