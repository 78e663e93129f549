namespace Platform.Grains.Interfaces.Accounts;

/// <summary>Why a request that answers no session was refused, and when to try again.</summary>
[GenerateSerializer, Alias("AuthRefusal")]
public sealed record AuthRefusal(
    [property: Id(0)] AuthFailure Failure,
    [property: Id(1)] TimeSpan? RetryAfter = null);
