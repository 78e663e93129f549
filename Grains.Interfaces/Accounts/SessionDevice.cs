namespace Platform.Grains.Interfaces.Accounts;

/// <summary>
/// What a new session is named after: the Api puts a short label of the client ("Chrome on Linux")
/// in the Orleans request context of a sign-in call, and the user grain keeps it on the session it
/// starts, so every sign-in path names its session without carrying it through each grain method.
/// </summary>
public static class SessionDevice
{
    public const string ContextKey = "platform.device";

    /// <summary>The longest label kept.</summary>
    public const int MaxLength = 64;
}
