using Platform.Grains.Interfaces.Users;

namespace Platform.Api.Endpoints;

public sealed record RegisterRequest(string? Email, string? Password, string? Name);
public sealed record LoginRequest(string? Email, string? Password, string? Provider, string? RedirectTo);
public sealed record VerifyEmailRequest(string? Email, string? Code, string? Token);
public sealed record LogoutRequest(bool? All);
public sealed record OtpSendRequest(string? Email, string? Purpose);
public sealed record OtpVerifyRequest(string? Email, string? Code);

public sealed record StatusResponse(string Status);
public sealed record UrlResponse(string Url);
public sealed record ProviderResponse(string Id, string Name, string Type);

public sealed record UserResponse(string Id, string Email, string? Name, bool EmailVerified, string? Image, DateTime CreatedAt)
{
    public static UserResponse From(UserView u) => new(u.Id.ToString(), u.Email, u.Name, u.EmailVerified, u.Image, u.CreatedAt.UtcDateTime);
}

public sealed record SessionResponse(string Id, DateTime CreatedAt, DateTime ExpiresAt)
{
    public static SessionResponse From(SessionView s) => new(s.Id.ToString(), s.CreatedAt.UtcDateTime, s.ExpiresAt.UtcDateTime);
}

public sealed record SignInResponse(UserResponse User, SessionResponse Session, string Token)
{
    public static SignInResponse From(SignIn s) => new(UserResponse.From(s.User), SessionResponse.From(s.Session), s.Token);
}

public sealed record CurrentSessionResponse(UserResponse User, SessionResponse Session);

public sealed record SessionListItem(string Id, DateTime CreatedAt, DateTime ExpiresAt, bool Current);
