using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Api.Accounts.Contracts;
using Platform.Api.Accounts.External;
using Platform.Api.Accounts.Sessions;
using Platform.Api.Infrastructure.Errors;
using Platform.Api.Infrastructure.RateLimiting;
using Platform.Grains.Interfaces.Accounts;

namespace Platform.Api.Accounts;

/// <summary>The auth routes of API.md under <c>/api/auth</c>.</summary>
public static class AccountEndpoints
{
    public const string AuthRateLimit = "auth";
    public const string CodeSendRateLimit = "code-send";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        auth.MapPost("/register", Register).RequireRateLimiting(AuthRateLimit).RequirePerNetworkLimit().ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Create an account; a verification email follows. The answer, with its registration handle, is the same whether or not the address is taken.");
        auth.MapPost("/verify-email", VerifyEmail).RequireRateLimiting(AuthRateLimit).RequirePerNetworkLimit()
            .WithSummary("Verify the address with {email, code} or the link's {token}, and sign in. With the registration handle of the client that registered, that registration's password becomes the account's; without it, the account has no password yet.");
        auth.MapPost("/password/forgot", ForgotPassword).RequireRateLimiting(CodeSendRateLimit).RequirePerNetworkLimit()
            .WithSummary("Email a verified account a password-reset code and link. Same answer for every address.");
        auth.MapPost("/password/reset", ResetPassword).RequireRateLimiting(AuthRateLimit).RequirePerNetworkLimit().ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Set a new password with {email, code} or the link's {token}; signs in and revokes every other session.");
        auth.MapPost("/password/change", ChangePassword).RequireAuthorization().RequireRateLimiting(AuthRateLimit).RequirePerNetworkLimit()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Set or change the signed-in account's password (currentPassword required when it has one); every other session is revoked.");
        auth.MapPost("/login", Login).RequireRateLimiting(AuthRateLimit).RequirePerNetworkLimit().ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Sign in with {email, password}, or start a social sign-in with {provider, redirectTo?}.");
        auth.MapGet("/signin/{provider}", StartSocialRedirect).RequireRateLimiting(AuthRateLimit).RequirePerNetworkLimit().ProducesProblem(StatusCodes.Status502BadGateway)
            .WithSummary("Start a social sign-in: redirects to the provider.");
        auth.MapGet("/callback/{provider}", SocialCallback).RequireRateLimiting(AuthRateLimit).RequirePerNetworkLimit().ProducesProblem(StatusCodes.Status502BadGateway)
            .WithSummary("The provider's return: signs in and redirects to redirectTo.");
        auth.MapPost("/logout", Logout).RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithSummary("End this session, or every session with {all: true}.");
        auth.MapGet("/session", CurrentSession).RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithSummary("The signed-in user and session.");
        auth.MapPost("/otp/send", SendCode).RequireRateLimiting(CodeSendRateLimit).RequirePerNetworkLimit()
            .WithSummary("Email a one-time code (purpose sign-in or verify-email). Same answer whether or not an account exists.");
        auth.MapPost("/otp/verify", VerifyCode).RequireRateLimiting(AuthRateLimit).RequirePerNetworkLimit()
            .WithSummary("Sign in with a one-time code; this also verifies the address.");
        auth.MapGet("/providers", Providers).WithSummary("The configured social sign-in providers.");
        auth.MapGet("/sessions", ListSessions).RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized).WithSummary("The user's active sessions.");
        auth.MapDelete("/sessions/{id}", RevokeSession).RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized).WithSummary("Revoke one of the user's sessions.");
        return app;
    }

    private static async Task<Results<Accepted<RegisterResponse>, ProblemHttpResult>> Register(RegisterRequest body, HttpContext context, IGrainFactory grains)
    {
        var errors = new RequestErrors();
        var email = errors.Email(body.Email);
        var password = errors.NewPassword(body.Password);
        var name = errors.Text(body.Name, "name", 100);
        if (errors.Any) return errors.ToProblem();

        var handle = RegistrationHandle.Create();
        var refusal = await grains.GetGrain<IEmailAddressGrain>(email!).Register(password!, name, handle.Hash, ClientNetwork.Of(context));
        if (refusal is not null) return AccountProblems.From(refusal.Failure, context, refusal.RetryAfter);
        return TypedResults.Accepted((string?)null, new RegisterResponse("verification_sent", handle.Text));
    }

    private static async Task<Results<Ok<SignInResponse>, ProblemHttpResult>> VerifyEmail(VerifyEmailRequest body, HttpContext context, IGrainFactory grains, SessionCookie cookie, SignInMetrics metrics)
    {
        var started = Stopwatch.GetTimestamp();
        var errors = new RequestErrors();
        var handle = errors.RegistrationHandle(body.Registration);
        SignInOutcome result;
        if (body.Token is not null)
        {
            if (errors.Any) return errors.ToProblem();
            if (!TryParseLink(body.Token, out var token))
            {
                metrics.SignIn("link", AuthFailure.InvalidCode);
                return AccountProblems.From(AuthFailure.InvalidCode, context);
            }
            result = await grains.GetGrain<IUserGrain>(token.UserId).VerifyEmailLink(token.Id, token.SecretHash, handle);
        }
        else
        {
            var email = errors.Email(body.Email);
            var code = errors.Code(body.Code);
            if (errors.Any) return errors.ToProblem();
            result = await grains.GetGrain<IEmailAddressGrain>(email!).VerifyCode(code!, handle, ClientNetwork.Of(context));
        }
        await WrongCodeFloor(result, started);
        return SignedIn(body.Token is not null ? "link" : "code", result, context, cookie, metrics);
    }

    private static async Task<Results<Ok<SignInResponse>, Ok<UrlResponse>, ProblemHttpResult>> Login(
        LoginRequest body, HttpContext context, IGrainFactory grains, SessionCookie cookie, SocialSignInFlow social, SignInMetrics metrics)
    {
        if (body.Provider is not null)
        {
            if (body.Email is not null || body.Password is not null)
                return ApiProblems.Validation("provider", "Send either {email, password} or {provider}, not both.");
            var started = await social.Start(context, body.Provider, body.RedirectTo);
            return started.Problem is { } problem ? problem : TypedResults.Ok(new UrlResponse(started.Url!.AbsoluteUri));
        }

        var errors = new RequestErrors();
        var email = errors.Email(body.Email);
        var password = errors.Password(body.Password);
        if (errors.Any) return errors.ToProblem();

        var result = await grains.GetGrain<IEmailAddressGrain>(email!).Login(password!, ClientNetwork.Of(context));
        metrics.SignIn("password", result.Failure);
        return result.SignIn is { } signIn ? Issue(signIn, context, cookie) : AccountProblems.From(result.Failure, context, result.RetryAfter);
    }

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> StartSocialRedirect(string provider, string? redirectTo, HttpContext context, SocialSignInFlow social)
    {
        var started = await social.Start(context, provider, redirectTo);
        return started.Problem is { } problem ? problem : TypedResults.Redirect(started.Url!.AbsoluteUri);
    }

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> SocialCallback(
        string provider, string? code, string? state, string? error, HttpContext context, SocialSignInFlow social, SessionCookie cookie, SignInMetrics metrics)
    {
        var completed = await social.Complete(context, provider, code, state, error);
        metrics.SocialSignIn(succeeded: completed.Problem is null);
        if (completed.Problem is { } problem) return problem;
        var signIn = completed.SignIn!;
        Started(signIn, context, cookie);
        return TypedResults.Redirect(completed.RedirectTo!);
    }

    private static async Task<NoContent> Logout([FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] LogoutRequest? body,
        HttpContext context, IGrainFactory grains, SessionCookie cookie)
    {
        var session = context.Session();
        var user = grains.GetGrain<IUserGrain>(session.User.Id);
        if (body?.All == true) await user.RevokeAllSessions();
        else await user.RevokeSession(session.Session.Id);
        cookie.Delete(context);
        return TypedResults.NoContent();
    }

    private static Ok<CurrentSessionResponse> CurrentSession(HttpContext context)
    {
        var session = context.Session();
        return TypedResults.Ok(new CurrentSessionResponse(UserResponse.From(session.User), SessionResponse.From(session.Session)));
    }

    private static Results<Accepted<StatusResponse>, ProblemHttpResult> SendCode(OtpSendRequest body, HttpContext context, IGrainFactory grains, ILoggerFactory loggers)
    {
        var errors = new RequestErrors();
        var email = errors.Email(body.Email);
        CodePurpose purpose = CodePurpose.SignIn;
        switch (body.Purpose)
        {
            case null or "sign-in": break;
            case "verify-email": purpose = CodePurpose.VerifyEmail; break;
            default: errors.Add("purpose", "Purpose is sign-in or verify-email."); break;
        }
        if (errors.Any) return errors.ToProblem();
        return SendWithoutWaiting(email!, purpose, context, grains, loggers);
    }

    private static Results<Accepted<StatusResponse>, ProblemHttpResult> ForgotPassword(PasswordForgotRequest body, HttpContext context, IGrainFactory grains, ILoggerFactory loggers)
    {
        var errors = new RequestErrors();
        var email = errors.Email(body.Email);
        if (errors.Any) return errors.ToProblem();
        return SendWithoutWaiting(email!, CodePurpose.ResetPassword, context, grains, loggers);
    }

    /// <summary>
    /// The answer is the same for every address, so it does not wait: how long issuing and
    /// storing a code takes would otherwise tell that an account exists.
    /// </summary>
    private static Accepted<StatusResponse> SendWithoutWaiting(string email, CodePurpose purpose, HttpContext context, IGrainFactory grains, ILoggerFactory loggers)
    {
        _ = grains.GetGrain<IEmailAddressGrain>(email).SendCode(purpose, ClientNetwork.Of(context)).ContinueWith(
            t => loggers.CreateLogger(typeof(AccountEndpoints)).LogError(t.Exception, "Sending a {Purpose} code failed", purpose), TaskContinuationOptions.OnlyOnFaulted);
        return TypedResults.Accepted((string?)null, new StatusResponse("sent"));
    }

    private static async Task<Results<Ok<SignInResponse>, ProblemHttpResult>> ResetPassword(PasswordResetRequest body, HttpContext context, IGrainFactory grains, SessionCookie cookie, SignInMetrics metrics)
    {
        var started = Stopwatch.GetTimestamp();
        var errors = new RequestErrors();
        var newPassword = errors.NewPassword(body.NewPassword, "newPassword");
        var network = ClientNetwork.Of(context);
        SignInOutcome result;
        if (body.Token is not null)
        {
            if (errors.Any) return errors.ToProblem();
            var email = TryParseLink(body.Token, out var token)
                ? await grains.GetGrain<IUserGrain>(token.UserId).EmailForResetLink(token.Id, token.SecretHash)
                : null;
            result = email is null
                ? SignInOutcome.Fail(AuthFailure.InvalidCode)
                : await grains.GetGrain<IEmailAddressGrain>(email).ResetPassword(PasswordResetProof.FromLink(token), newPassword!, network);
        }
        else
        {
            var email = errors.Email(body.Email);
            var code = errors.Code(body.Code);
            if (errors.Any) return errors.ToProblem();
            result = await grains.GetGrain<IEmailAddressGrain>(email!).ResetPassword(PasswordResetProof.FromCode(code!), newPassword!, network);
        }
        await WrongCodeFloor(result, started);
        return SignedIn("reset", result, context, cookie, metrics);
    }

    private static async Task<Results<Ok<CurrentSessionResponse>, ProblemHttpResult>> ChangePassword(PasswordChangeRequest body, HttpContext context, IGrainFactory grains)
    {
        var errors = new RequestErrors();
        var current = body.CurrentPassword is null ? null : errors.Password(body.CurrentPassword, "currentPassword");
        var newPassword = errors.NewPassword(body.NewPassword, "newPassword");
        if (errors.Any) return errors.ToProblem();

        var session = context.Session();
        var refusal = await grains.GetGrain<IEmailAddressGrain>(session.User.Email)
            .ChangePassword(session.User.Id, session.Session.Id, current, newPassword!, ClientNetwork.Of(context));
        if (refusal is null)
            return TypedResults.Ok(new CurrentSessionResponse(UserResponse.From(session.User), SessionResponse.From(session.Session)));
        return refusal.Failure == AuthFailure.InvalidCredentials
            ? AccountProblems.WrongCurrentPassword()
            : AccountProblems.From(refusal.Failure, context, refusal.RetryAfter);
    }

    /// <summary>
    /// A refused code or link is answered no sooner than <see cref="WrongCodeAnswerTime"/> after
    /// the request began: whether the grains asked were already active (an account in use) or had
    /// to be activated from the database (an address nobody uses) must not show in the time.
    /// </summary>
    private static async Task WrongCodeFloor(SignInOutcome result, long started)
    {
        if (result.SignIn is not null) return;
        // Timers may fire a little early: wait until the time has really passed.
        for (var left = WrongCodeAnswerTime - Stopwatch.GetElapsedTime(started); left > TimeSpan.Zero; left = WrongCodeAnswerTime - Stopwatch.GetElapsedTime(started))
            await Task.Delay(left + TimeSpan.FromMilliseconds(1));
    }

    public static readonly TimeSpan WrongCodeAnswerTime = TimeSpan.FromMilliseconds(25);

    private static bool TryParseLink(string text, out UserToken token)
    {
        token = default;
        return text.Length <= 200 && UserToken.TryParse(text.Trim(), out token);
    }

    private static async Task<Results<Ok<SignInResponse>, ProblemHttpResult>> VerifyCode(OtpVerifyRequest body, HttpContext context, IGrainFactory grains, SessionCookie cookie, SignInMetrics metrics)
    {
        var started = Stopwatch.GetTimestamp();
        var errors = new RequestErrors();
        var email = errors.Email(body.Email);
        var code = errors.Code(body.Code);
        if (errors.Any) return errors.ToProblem();

        var result = await grains.GetGrain<IEmailAddressGrain>(email!).VerifyCode(code!, null, ClientNetwork.Of(context));
        await WrongCodeFloor(result, started);
        return SignedIn("code", result, context, cookie, metrics);
    }

    private static Ok<ProviderResponse[]> Providers(IReadOnlyList<ExternalProvider> providers) =>
        TypedResults.Ok(providers.Select(p => new ProviderResponse(p.Id, p.Name, p.Type)).ToArray());

    private static async Task<Ok<SessionListItem[]>> ListSessions(HttpContext context, IGrainFactory grains)
    {
        var current = context.Session();
        var sessions = await grains.GetGrain<IUserGrain>(current.User.Id).ListSessions();
        return TypedResults.Ok(sessions
            .Select(s => new SessionListItem(s.Id.ToString(), s.CreatedAt.UtcDateTime, s.ExpiresAt.UtcDateTime, s.Id == current.Session.Id, s.Device, s.LastUsedAt.UtcDateTime))
            .ToArray());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeSession(string id, HttpContext context, IGrainFactory grains, SessionCookie cookie)
    {
        var current = context.Session();
        if (!Guid.TryParse(id, out var sessionId) || !await grains.GetGrain<IUserGrain>(current.User.Id).RevokeSession(sessionId))
            return ApiProblems.NotFound();
        if (sessionId == current.Session.Id) cookie.Delete(context);
        return TypedResults.NoContent();
    }

    private static Results<Ok<SignInResponse>, ProblemHttpResult> SignedIn(string method, SignInOutcome result, HttpContext context, SessionCookie cookie, SignInMetrics metrics)
    {
        metrics.SignIn(method, result.Failure);
        if (result.SignIn is not { } signIn) return AccountProblems.From(result.Failure, context, result.RetryAfter);
        return Issue(signIn, context, cookie);
    }

    private static Ok<SignInResponse> Issue(SignIn signIn, HttpContext context, SessionCookie cookie)
    {
        Started(signIn, context, cookie);
        return TypedResults.Ok(SignInResponse.From(signIn));
    }

    /// <summary>Hands out the session: the cookie, and this node knows the session is valid (its checks are not limited as unverified).</summary>
    private static void Started(SignIn signIn, HttpContext context, SessionCookie cookie)
    {
        cookie.Write(context, signIn.Token, signIn.Session.ExpiresAt);
        context.RequestServices.GetRequiredService<UnverifiedSessionLimiter>().Valid(signIn.Session.Id);
    }
}
