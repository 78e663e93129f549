using System.Diagnostics.Metrics;
using Platform.Grains.Interfaces.Accounts;

namespace Platform.Grains.Accounts;

/// <summary>
/// What the account grains tell an operator, on the <see cref="AccountsTelemetry.MeterName"/> meter.
/// </summary>
public static class AccountMetrics
{
    private static readonly Meter Meter = new(AccountsTelemetry.MeterName);

    private static readonly Counter<long> CodesSent = Meter.CreateCounter<long>(
        "platform.accounts.codes_sent", "{code}", "One-time codes mailed, by purpose (registration codes count as verify-email).");

    private static readonly Counter<long> SessionsIssued = Meter.CreateCounter<long>(
        "platform.accounts.sessions_issued", "{session}", "Sessions started by any kind of sign-in.");

    public static void CodeSent(CodePurpose purpose) =>
        CodesSent.Add(1, new KeyValuePair<string, object?>("purpose", purpose == CodePurpose.VerifyEmail ? "verify-email" : "sign-in"));

    public static void SessionIssued() => SessionsIssued.Add(1);
}
