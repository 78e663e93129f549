using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Platform.ServiceDefaults.Configuration;
using Platform.ServiceDefaults.Storage;

namespace Platform.Api.Web;

/// <summary>
/// Serves the web app (React, built by Vite) from the same origin as the API, so its session
/// cookie is first-party and its calls need no CORS: hashed assets cached for a year, and
/// <c>index.html</c> for every path the app routes itself (never for <c>/api/…</c>, which stays
/// a JSON 404), with a content security policy that allows the page only its own origin and
/// object storage's (uploads, segments and thumbnails come from there).
/// </summary>
public static class WebAppRegistration
{
    public static WebApplicationBuilder AddWebApp(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<WebAppOptions>(WebAppOptions.Section);
        return builder;
    }

    /// <summary>
    /// Early in the pipeline (after routing, before sessions, limits and logging, which files need
    /// not): a file of the app, or its index page for a GET of any path no endpoint took that is not
    /// the API's own. So unknown API paths and wrong methods keep their JSON 404 and 405.
    /// </summary>
    public static WebApplication UseWebApp(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<WebAppOptions>>().Value;
        var root = Path.GetFullPath(options.Root, AppContext.BaseDirectory);
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            if (!app.Environment.IsEnvironment("Testing"))
                app.Logger.LogWarning("No web app in {Root} (Web:Root): the Api serves the API only. Build it with `npm ci && npm run build` in web/ and point Web:Root at web/dist", root);
            return app;
        }
        var files = new PhysicalFileProvider(root);
        var policy = ContentSecurityPolicy(app.Services.GetRequiredService<IOptions<S3Options>>().Value);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                if (context.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                    PageHeaders(headers, policy); // /index.html itself, too
                else
                    headers.CacheControl = context.Context.Request.Path.StartsWithSegments("/assets")
                        ? "public, max-age=31536000, immutable" // file names carry a hash of their content
                        : "no-cache";
                headers.XContentTypeOptions = "nosniff";
            },
        });
        var index = files.GetFileInfo("index.html");
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (context.GetEndpoint() is not null || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || IsApiPath(request.Path)
                || request.Path.StartsWithSegments("/assets")) // a missing asset is a 404, not a page
            {
                await next(context);
                return;
            }
            var headers = context.Response.Headers;
            headers.ContentType = "text/html; charset=utf-8";
            PageHeaders(headers, policy);
            headers.XContentTypeOptions = "nosniff";
            if (HttpMethods.IsHead(request.Method)) return;
            await context.Response.SendFileAsync(index, context.RequestAborted);
        });
        return app;
    }

    private static readonly string[] ApiPaths = ["/api", "/s3", "/openapi", "/scalar", "/health", "/metrics"];

    private static bool IsApiPath(PathString path) => ApiPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>The app's page: fetched afresh each time, its content security policy, never in a frame.</summary>
    private static void PageHeaders(IHeaderDictionary headers, string policy)
    {
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = policy;
        headers[HeaderNames.XFrameOptions] = "DENY";
        headers["Referrer-Policy"] = "same-origin";
    }

    private static string ContentSecurityPolicy(S3Options s3)
    {
        var storage = (s3.PublicEndpoint ?? s3.Endpoint)?.GetLeftPart(UriPartial.Authority) ?? "";
        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            $"img-src 'self' data: blob: {storage}",
            $"media-src 'self' blob: {storage}",
            $"connect-src 'self' {storage}",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    }
}
