namespace Platform.Grains.Interfaces.Accounts;

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
    /// <summary>The password-hashing pool is full: try again shortly (503).</summary>
    Unavailable,
}
