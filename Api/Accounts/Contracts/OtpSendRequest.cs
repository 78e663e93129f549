namespace Platform.Api.Accounts.Contracts;

public sealed record OtpSendRequest(string? Email, string? Purpose);
