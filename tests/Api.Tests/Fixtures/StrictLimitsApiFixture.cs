namespace Platform.Api.Tests.Fixtures;

/// <summary>
/// The stack of <see cref="ApiFixture"/> with strict per-IP limits, for the tests of those limits.
/// Each test acts as clients of its own (<see cref="ClientAddresses"/> in <c>X-Forwarded-For</c>), so
/// tests never spend each other's allowance.
/// </summary>
public sealed class StrictLimitsApiFixture : ApiFixture
{
    public const int AuthPerIp = 5;
    public const int CodeSendsPerIp = 3;
    public const int UnverifiedSessionsPerIp = 5;
    public const int AuthPerNetwork = 12;

    protected override string Purpose => "strict";

    protected override void ConfigureApi(IDictionary<string, string?> settings)
    {
        settings["RateLimits:AuthPerIp"] = AuthPerIp.ToString();
        settings["RateLimits:CodeSendsPerIp"] = CodeSendsPerIp.ToString();
        settings["RateLimits:UnverifiedSessionsPerIp"] = UnverifiedSessionsPerIp.ToString();
        settings["RateLimits:AuthPerNetwork"] = AuthPerNetwork.ToString();
    }
}

[CollectionDefinition(Name)]
public sealed class StrictLimitsCollection : ICollectionFixture<StrictLimitsApiFixture>
{
    public const string Name = "in-process api with strict per-ip limits";
}
