namespace Platform.Api.Accounts.Contracts;

public sealed record LoginRequest(string? Email, string? Password, string? Provider, string? RedirectTo);
