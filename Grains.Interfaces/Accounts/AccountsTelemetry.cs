namespace Platform.Grains.Interfaces.Accounts;

/// <summary>The accounts meter: the API records sign-in outcomes and refused sessions on it, the silo codes and sessions.</summary>
public static class AccountsTelemetry
{
    public const string MeterName = "Platform.Accounts";
}
