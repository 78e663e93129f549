namespace Platform.Grains.Interfaces.Accounts;

/// <summary>A valid session; <see cref="Renewed"/> says its expiry just moved, so a cookie should follow.</summary>
[GenerateSerializer, Alias("AuthenticatedSession")]
public sealed record AuthenticatedSession(
    [property: Id(0)] UserView User,
    [property: Id(1)] SessionView Session,
    [property: Id(2)] bool Renewed);
