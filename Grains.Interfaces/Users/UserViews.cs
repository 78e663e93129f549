namespace Platform.Grains.Interfaces.Users;

/// <summary>The public face of a user, as the API shows it.</summary>
[GenerateSerializer, Alias("UserView")]
public sealed record UserView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string? Name,
    [property: Id(3)] bool EmailVerified,
    [property: Id(4)] string? Image,
    [property: Id(5)] DateTimeOffset CreatedAt);

[GenerateSerializer, Alias("SessionView")]
public sealed record SessionView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] DateTimeOffset ExpiresAt);

/// <summary>What a successful sign-in hands back; the token is shown once and never stored.</summary>
[GenerateSerializer, Alias("SignIn")]
public sealed record SignIn(
    [property: Id(0)] UserView User,
    [property: Id(1)] SessionView Session,
    [property: Id(2)] string Token);

/// <summary>A valid session; <see cref="Renewed"/> says its expiry just moved, so a cookie should follow.</summary>
[GenerateSerializer, Alias("AuthenticatedSession")]
public sealed record AuthenticatedSession(
    [property: Id(0)] UserView User,
    [property: Id(1)] SessionView Session,
    [property: Id(2)] bool Renewed);

/// <summary>Why an auth operation was refused. The API maps each to a problem code.</summary>
public enum AuthFailure
{
    None = 0,
    InvalidCredentials,
    EmailNotVerified,
    InvalidCode,
    CodeExpired,
    TooManyAttempts,
    RateLimited,
    ExternalEmailNotVerified,
}

/// <summary>The outcome of a sign-in attempt: either a session or a reason.</summary>
[GenerateSerializer, Alias("SignInResult")]
public sealed record SignInResult(
    [property: Id(0)] SignIn? SignIn,
    [property: Id(1)] AuthFailure Failure,
    [property: Id(2)] TimeSpan? RetryAfter = null)
{
    public static SignInResult Success(SignIn signIn) => new(signIn, AuthFailure.None);
    public static SignInResult Fail(AuthFailure failure, TimeSpan? retryAfter = null) => new(null, failure, retryAfter);
}

public enum CodePurpose
{
    SignIn = 0,
    VerifyEmail = 1,
}
