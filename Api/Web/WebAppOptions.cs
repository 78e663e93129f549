namespace Platform.Api.Web;

/// <summary>The web app the Api serves at <c>/</c> (<c>Web:*</c>).</summary>
public sealed class WebAppOptions
{
    public const string Section = "Web";

    /// <summary>
    /// The folder of the built app (<c>web/dist</c> after <c>npm run build</c>); relative to the Api's
    /// binaries. Default <c>wwwroot</c> beside them, where the Docker image puts it. Missing: the Api
    /// serves no app (and says so at start).
    /// </summary>
    public string Root { get; set; } = "wwwroot";
}
