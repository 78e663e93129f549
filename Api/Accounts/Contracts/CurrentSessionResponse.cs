namespace Platform.Api.Accounts.Contracts;

public sealed record CurrentSessionResponse(UserResponse User, SessionResponse Session);
