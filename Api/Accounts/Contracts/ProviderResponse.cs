namespace Platform.Api.Accounts.Contracts;

public sealed record ProviderResponse(string Id, string Name, string Type);
