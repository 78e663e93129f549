using System.Diagnostics.Metrics;
using Platform.Grains.Interfaces.Accounts;

namespace Platform.Api.Accounts;

/// <summary>Sign-in outcomes and refused sessions as the API sees them, on the <see cref="AccountsTelemetry.MeterName"/> meter.</summary>
public sealed class SignInMetrics
{
    private readonly Counter<long> _signIns;
    private readonly Counter<long> _sessionsRefused;

    public SignInMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(AccountsTelemetry.MeterName);
        _signIns = meter.CreateCounter<long>("platform.accounts.sign_ins", "{sign-in}",
            "Sign-in attempts by method (password, code, link, social) and outcome (success or the problem code).");
        _sessionsRefused = meter.CreateCounter<long>("platform.accounts.sessions_refused", "{request}",
            "Requests whose session token was malformed, unknown, expired or revoked.");
    }

    public void SignIn(string method, AuthFailure failure) => _signIns.Add(1,
        new KeyValuePair<string, object?>("method", method),
        new KeyValuePair<string, object?>("outcome", failure == AuthFailure.None ? "success" : Outcome(failure)));

    public void SocialSignIn(bool succeeded) => _signIns.Add(1,
        new KeyValuePair<string, object?>("method", "social"),
        new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "refused"));

    public void SessionRefused() => _sessionsRefused.Add(1);

    private static string Outcome(AuthFailure failure) => failure switch
    {
        AuthFailure.InvalidCredentials => "invalid_credentials",
        AuthFailure.EmailNotVerified => "email_not_verified",
        AuthFailure.InvalidCode => "invalid_code",
        AuthFailure.CodeExpired => "code_expired",
        AuthFailure.TooManyAttempts => "too_many_attempts",
        AuthFailure.RateLimited => "rate_limited",
        AuthFailure.ExternalEmailNotVerified => "external_email_not_verified",
        _ => "other",
    };
}
