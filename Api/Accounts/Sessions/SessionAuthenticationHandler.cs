using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Platform.Api.Infrastructure.Errors;
using Platform.Api.Infrastructure.Logging;
using Platform.Grains.Interfaces.Accounts;

namespace Platform.Api.Accounts.Sessions;

/// <summary>
/// Authenticates every request by asking the user's grain about the presented token (bearer
/// header first, then the session cookie). Nothing is cached here, so a revocation holds on
/// every API node at once.
/// </summary>
public sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    UserGrainReferences users,
    SessionCookie cookie,
    UnverifiedSessionLimiter unverified,
    SignInMetrics metrics) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Session";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Context.GetEndpoint()?.Metadata.GetMetadata<WithoutSessionMetadata>() is not null) return AuthenticateResult.NoResult();
        var (raw, viaCookie) = cookie.ReadToken(Request);
        if (raw is null) return AuthenticateResult.NoResult();
        var client = Context.Connection.RemoteIpAddress;
        if (!UserToken.TryParse(raw, out var token))
        {
            metrics.SessionRefused();
            return Refuse(viaCookie, unverified.Malformed(client), "Malformed session token.");
        }
        if (unverified.MayCheck(client, token.Id) is { } wait)
            return Refuse(viaCookie: false, wait, "Too many unverified session tokens from this client.");

        var user = users.Get(token.UserId);
        var session = await user.Authenticate(token.Id, token.SecretHash);
        if (session is null)
        {
            unverified.Refused(token.Id);
            metrics.SessionRefused();
            return Refuse(viaCookie, retryAfter: null, "Unknown, expired or revoked session.");
        }
        unverified.Valid(token.Id);
        users.Remember(token.UserId, user);
        if (viaCookie && session.Renewed) cookie.Write(Context, raw, session.Session.ExpiresAt);

        Context.Features.Set(session);
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, session.User.Id.ToString()),
            new Claim("sid", session.Session.Id.ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        RequestLogging.MarkRoutineRefusal(Context);
        return Context.Items[RetryAfterKey] is TimeSpan wait
            ? ApiProblems.RateLimited(Context, wait).ExecuteAsync(Context)
            : ApiProblems.Unauthorized().ExecuteAsync(Context);
    }

    private static readonly object RetryAfterKey = new();

    /// <summary>
    /// Refuses the token; a dead cookie is deleted so the browser stops presenting it, and a
    /// client over its limit is told to wait (429) rather than to sign in.
    /// </summary>
    private AuthenticateResult Refuse(bool viaCookie, TimeSpan? retryAfter, string reason)
    {
        if (viaCookie) cookie.Delete(Context);
        if (retryAfter is { } wait) Context.Items[RetryAfterKey] = wait;
        return AuthenticateResult.Fail(reason);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.Forbidden("You may not do this.").ExecuteAsync(Context);
}
