using Platform.Grains.Interfaces.Accounts;

namespace Platform.Api.Accounts.Sessions;

public static class SessionPrincipal
{
    /// <summary>The session this request was authenticated with.</summary>
    public static AuthenticatedSession Session(this HttpContext context) =>
        context.Features.Get<AuthenticatedSession>() ?? throw new InvalidOperationException("The request is not authenticated.");
}
