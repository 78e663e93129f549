namespace Platform.Grains.Interfaces.Accounts;

/// <summary>What a successful sign-in hands back; the token is shown once and never stored.</summary>
[GenerateSerializer, Alias("SignIn")]
public sealed record SignIn(
    [property: Id(0)] UserView User,
    [property: Id(1)] SessionView Session,
    [property: Id(2)] string Token);
