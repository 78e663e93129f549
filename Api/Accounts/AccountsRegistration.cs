using Microsoft.AspNetCore.Authentication;
using Platform.Api.Accounts.External;
using Platform.Api.Accounts.Sessions;
using Platform.Api.Infrastructure.RateLimiting;
using Platform.Grains.Interfaces.Accounts;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Api.Accounts;

public static class AccountsRegistration
{
    /// <summary>Sign-in, sessions (bearer or cookie, checked by the user grain on every request) and social providers.</summary>
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<SessionCookie>();
        services.AddSingleton<UserGrainReferences>();
        services.AddSingleton<UnverifiedSessionLimiter>();
        services.AddSingleton<SignInMetrics>();
        services.AddPlatformMeter(AccountsTelemetry.MeterName);
        services.AddAuthentication(SessionAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null);
        services.AddPerIpPolicy(AccountEndpoints.AuthRateLimit, limits => (limits.AuthPerIp, limits.AuthWindow));
        services.AddPerIpPolicy(AccountEndpoints.CodeSendRateLimit, limits => (limits.CodeSendsPerIp, limits.CodeSendWindow));
        services.AddPerNetworkLimit(limits => (limits.AuthPerNetwork, limits.AuthWindow));
        services.AddSocialSignIn();
        return builder;
    }

    /// <summary>Cookie-authenticated requests from foreign pages are refused before any endpoint runs.</summary>
    public static WebApplication UseAccounts(this WebApplication app)
    {
        app.UseMiddleware<CrossSiteRequestGuard>();
        // Sign-ins name their session after the client (SessionDevice): the request context carries
        // the name into the grain calls of this request only (sign-ins are POSTs and GET callbacks
        // under /api/auth), and it is taken out again before the request ends.
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api/auth") || DeviceLabel.From(context.Request.Headers.UserAgent) is not { } device)
            {
                await next(context);
                return;
            }
            Orleans.Runtime.RequestContext.Set(SessionDevice.ContextKey, device);
            try
            {
                await next(context);
            }
            finally
            {
                Orleans.Runtime.RequestContext.Remove(SessionDevice.ContextKey);
            }
        });
        return app;
    }

    public static WebApplication MapAccounts(this WebApplication app)
    {
        app.MapAccountEndpoints();
        app.MapVerifyEmailPage();
        app.MapResetPasswordPage();
        return app;
    }
}
