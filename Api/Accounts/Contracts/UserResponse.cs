using Platform.Grains.Interfaces.Accounts;

namespace Platform.Api.Accounts.Contracts;

public sealed record UserResponse(string Id, string Email, string? Name, bool EmailVerified, string? Image, DateTime CreatedAt)
{
    public static UserResponse From(UserView u) => new(u.Id.ToString(), u.Email, u.Name, u.EmailVerified, u.Image, u.CreatedAt.UtcDateTime);
}
