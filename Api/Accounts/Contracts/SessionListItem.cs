namespace Platform.Api.Accounts.Contracts;

public sealed record SessionListItem(string Id, DateTime CreatedAt, DateTime ExpiresAt, bool Current);
