namespace Platform.Api.Accounts.Contracts;

public sealed record StatusResponse(string Status);
