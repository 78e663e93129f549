namespace Platform.Api.Accounts.Contracts;

/// <summary>An active session: <see cref="Device"/> names the client it was signed in with ("Chrome on Linux", null when unknown); <see cref="LastUsedAt"/> is exact to within an hour.</summary>
public sealed record SessionListItem(string Id, DateTime CreatedAt, DateTime ExpiresAt, bool Current, string? Device, DateTime LastUsedAt);
