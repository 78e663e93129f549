namespace Platform.Api.Infrastructure.Errors;

public static class ErrorHandling
{
    /// <summary>Every error is a problem document with a <c>code</c>, whoever produced it: endpoints, binding, limits, the framework.</summary>
    public static IServiceCollection AddApiErrors(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            var status = c.ProblemDetails.Status ?? c.HttpContext.Response.StatusCode;
            c.ProblemDetails.Extensions.TryAdd("code", ApiProblems.CodeFor(status));
            c.ProblemDetails.Detail ??= c.ProblemDetails.Title;
            c.ProblemDetails.Extensions.Remove("traceId");
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<UnavailableExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    public static IApplicationBuilder UseApiErrors(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (http.Response.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                // Kestrel refuses an oversized body before the app sees it; to clients it is one more invalid field.
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await ApiProblems.Validation("body", "The request body is too large.").ExecuteAsync(http);
                return;
            }
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http });
        });
        return app;
    }
}
