namespace Platform.Api.Accounts.Contracts;

public sealed record UrlResponse(string Url);
