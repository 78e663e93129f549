using Platform.Grains.Interfaces.Accounts;

namespace Platform.Grains.Accounts;

/// <summary>
/// How a code is judged before its digits are compared, shared by real codes and the decoys
/// of addresses without an account, so that both answer alike.
/// </summary>
public static class CodeRules
{
    /// <summary>None when the code may be compared; otherwise why it cannot.</summary>
    public static AuthFailure Check(int failedAttempts, DateTimeOffset expiresAt, DateTimeOffset now, AuthRules rules)
    {
        // Long after expiry a code is as if none had been sent.
        if (now >= expiresAt + rules.CodeLifetime) return AuthFailure.InvalidCode;
        if (failedAttempts >= rules.CodeMaxAttempts) return AuthFailure.TooManyAttempts;
        if (now >= expiresAt) return AuthFailure.CodeExpired;
        return AuthFailure.None;
    }
}
