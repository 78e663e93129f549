namespace Platform.Api.Accounts.Contracts;

public sealed record OtpVerifyRequest(string? Email, string? Code);
