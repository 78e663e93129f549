namespace Platform.Grains.Interfaces.Accounts;

/// <summary>The outcome of a sign-in attempt: either a session or a reason.</summary>
[GenerateSerializer, Alias("SignInOutcome")]
public sealed record SignInOutcome(
    [property: Id(0)] SignIn? SignIn,
    [property: Id(1)] AuthFailure Failure,
    [property: Id(2)] TimeSpan? RetryAfter = null)
{
    public static SignInOutcome Success(SignIn signIn) => new(signIn, AuthFailure.None);
    public static SignInOutcome Fail(AuthFailure failure, TimeSpan? retryAfter = null) => new(null, failure, retryAfter);
}
