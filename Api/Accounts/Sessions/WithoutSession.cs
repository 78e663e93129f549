namespace Platform.Api.Accounts.Sessions;

/// <summary>
/// Marks an endpoint whose answer is the same for everyone and may be kept by shared caches: the
/// session handler does not look at its requests, so no answer of it carries a renewed or
/// deleted session cookie (which a cache would then hand to everyone), and no grain is asked.
/// </summary>
public sealed class WithoutSessionMetadata
{
    public static readonly WithoutSessionMetadata Instance = new();
}

public static class WithoutSessionExtensions
{
    public static TBuilder WithoutSession<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(WithoutSessionMetadata.Instance);
}
