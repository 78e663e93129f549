namespace Platform.Api.Accounts.Contracts;

public sealed record LogoutRequest(bool? All);
