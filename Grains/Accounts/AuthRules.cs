using System.ComponentModel.DataAnnotations;

namespace Platform.Grains.Accounts;

/// <summary>
/// The account rules of API.md, bound from <c>Auth:Rules</c>. Defaults are the contract; load
/// tests may lift the limits.
/// </summary>
public sealed class AuthRules
{
    public const string Section = "Auth:Rules";

    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(7);
    public TimeSpan SessionRenewAfter { get; set; } = TimeSpan.FromDays(1);
    public TimeSpan SessionMaxLifetime { get; set; } = TimeSpan.FromDays(30);
    [Range(1, 1000)] public int MaxSessionsPerUser { get; set; } = 50;

    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>Wrong codes one client network may try per address since a code was last sent on its request.</summary>
    [Range(1, 1000)] public int CodeMaxAttempts { get; set; } = 3;
    /// <summary>Wrong codes one client network may try per address per hour, however many codes it asks for.</summary>
    [Range(1, 1000)] public int CodeFailuresPerNetworkPerHour { get; set; } = 6;
    /// <summary>Wrong codes all networks together may try per address per hour: the brute-force bound.</summary>
    [Range(1, 10_000)] public int CodeFailureCeilingPerHour { get; set; } = 20;
    /// <summary>Registration codes that a code is checked against: those of the latest registrations (links stay valid for all).</summary>
    [Range(1, 100)] public int LiveRegistrationCodes { get; set; } = 3;
    public TimeSpan VerificationLinkLifetime { get; set; } = TimeSpan.FromHours(24);
    /// <summary>Registrations of one address per client network within the link lifetime.</summary>
    [Range(1, 1000)] public int RegistrationsPerNetwork { get; set; } = 3;
    /// <summary>Registrations of one address from all networks within the link lifetime (and pending at once).</summary>
    [Range(1, 1000)] public int MaxPendingRegistrations { get; set; } = 20;

    /// <summary>Failed logins per address from one client network within the window, before that network waits.</summary>
    [Range(1, int.MaxValue)] public int LoginFailureLimit { get; set; } = 10;
    /// <summary>Failed logins per address from all networks together within the window: the brute-force bound.</summary>
    [Range(1, int.MaxValue)] public int LoginFailureCeiling { get; set; } = 100;
    public TimeSpan LoginFailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Emails per address on the requests of one client network: at most one per interval and this many per hour.</summary>
    public TimeSpan CodeSendInterval { get; set; } = TimeSpan.FromSeconds(60);
    [Range(1, int.MaxValue)] public int CodeSendsPerHour { get; set; } = 5;
    /// <summary>Emails per address per hour on the requests of all networks together.</summary>
    [Range(1, int.MaxValue)] public int CodeSendCeilingPerHour { get; set; } = 20;

    /// <summary>Address grains a silo keeps active for their in-memory counts; past it they are collected when idle, as any grain.</summary>
    [Range(1, 10_000_000)] public int MaxPinnedAddressesPerSilo { get; set; } = 100_000;

    public NetworkLimit LoginFailures => new(LoginFailureLimit, LoginFailureCeiling, LoginFailureWindow);
    public NetworkLimit CodeSends => new(CodeSendsPerHour, CodeSendCeilingPerHour, TimeSpan.FromHours(1), CodeSendInterval);
    public NetworkLimit CodeFailures => new(CodeFailuresPerNetworkPerHour, CodeFailureCeilingPerHour, TimeSpan.FromHours(1));
    public NetworkLimit Registrations => new(RegistrationsPerNetwork, MaxPendingRegistrations, VerificationLinkLifetime);

    /// <summary>How long an address grain keeps counts that live only in memory: the longest window they are counted in.</summary>
    public TimeSpan InMemoryCountLifetime => (LoginFailureWindow > TimeSpan.FromHours(1) ? LoginFailureWindow : TimeSpan.FromHours(1)) + TimeSpan.FromMinutes(1);

    /// <summary>
    /// PBKDF2-HMAC-SHA256 iterations for new password hashes. Outside Development anything below
    /// <see cref="PasswordHasher.MinimumIterations"/> (OWASP ASVS) stops the silo at start.
    /// </summary>
    [Range(1_000, 10_000_000)] public int PasswordHashIterations { get; set; } = PasswordHasher.MinimumIterations;

    /// <summary>
    /// The server-side key (base64, at least 32 bytes) that one-time codes and link secrets are
    /// hashed with, so a database dump alone does not reveal them. Required outside Development;
    /// Development falls back to a fixed key. Changing it invalidates codes and links in flight.
    /// </summary>
    public string? CodeHashKey { get; set; }

    /// <summary>
    /// Where the verification link in emails points (a page that posts the token to the API);
    /// the host sets it to the public URL when not configured.
    /// </summary>
    [Required(ErrorMessage = "Set Auth:Rules:EmailLinkBaseUrl or Platform:PublicBaseUrl, the public URL that links in mail lead to.")]
    public Uri? EmailLinkBaseUrl { get; set; }
}
