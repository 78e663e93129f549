using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Infrastructure.Errors;
using Platform.Grains.Interfaces.Accounts;

namespace Platform.Api.Accounts;

/// <summary>The account failures as problem documents, each with its stable <c>code</c>.</summary>
public static class AccountProblems
{
    public static ProblemHttpResult InvalidState(string detail) =>
        ApiProblems.Create(StatusCodes.Status400BadRequest, "invalid_state", "The sign-in could not be completed.", detail);

    public static ProblemHttpResult OAuthError(string detail) =>
        ApiProblems.Create(StatusCodes.Status400BadRequest, "oauth_error", "The provider did not complete the sign-in.", detail);

    public static ProblemHttpResult ProviderUnavailable(string detail) =>
        ApiProblems.Create(StatusCodes.Status502BadGateway, "oauth_error", "The sign-in provider cannot be used right now.", detail);

    /// <summary>A password change whose current password is missing or wrong: 403, since the session itself is fine.</summary>
    public static ProblemHttpResult WrongCurrentPassword() =>
        ApiProblems.Create(StatusCodes.Status403Forbidden, "invalid_credentials", "The current password is wrong.",
            "Send the account's current password as currentPassword; an account without a password sets one with password/forgot or without it.");

    /// <summary>400 <c>too_many_attempts</c>; with Retry-After when only waiting helps (a new code would not).</summary>
    private static ProblemHttpResult TooManyAttempts(HttpContext context, TimeSpan? retryAfter)
    {
        if (retryAfter is not { } wait)
            return ApiProblems.Create(400, "too_many_attempts", "Too many wrong codes.", "Codes can no longer be tried from here; ask for a new code.");
        var seconds = ApiProblems.RetryAfter(context, wait);
        return ApiProblems.Create(400, "too_many_attempts", "Too many wrong codes.", $"Codes can no longer be tried for this address for now; try again in {seconds} seconds.");
    }

    public static ProblemHttpResult From(AuthFailure failure, HttpContext context, TimeSpan? retryAfter = null) => failure switch
    {
        AuthFailure.InvalidCredentials => ApiProblems.Create(401, "invalid_credentials", "Wrong email or password."),
        AuthFailure.EmailNotVerified => ApiProblems.Create(403, "email_not_verified", "Verify your email address first.",
            "This address is not verified with this password. If the address is yours, use the code or link we sent, or ask for a new code."),
        AuthFailure.InvalidCode => ApiProblems.Create(400, "invalid_code", "The code is not valid."),
        AuthFailure.CodeExpired => ApiProblems.Create(400, "code_expired", "The code has expired.", "Ask for a new code."),
        AuthFailure.TooManyAttempts => TooManyAttempts(context, retryAfter),
        AuthFailure.RateLimited => ApiProblems.RateLimited(context, retryAfter),
        AuthFailure.Unavailable => ApiProblems.Unavailable(context, retryAfter),
        AuthFailure.ExternalEmailNotVerified => OAuthError("The provider did not confirm a verified email address."),
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "Not a failure."),
    };
}
