using Platform.Grains.Interfaces.Accounts;

namespace Platform.Api.Accounts.Contracts;

public sealed record SignInResponse(UserResponse User, SessionResponse Session, string Token)
{
    public static SignInResponse From(SignIn s) => new(UserResponse.From(s.User), SessionResponse.From(s.Session), s.Token);
}
