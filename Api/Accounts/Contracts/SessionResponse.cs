using Platform.Grains.Interfaces.Accounts;

namespace Platform.Api.Accounts.Contracts;

public sealed record SessionResponse(string Id, DateTime CreatedAt, DateTime ExpiresAt)
{
    public static SessionResponse From(SessionView s) => new(s.Id.ToString(), s.CreatedAt.UtcDateTime, s.ExpiresAt.UtcDateTime);
}
