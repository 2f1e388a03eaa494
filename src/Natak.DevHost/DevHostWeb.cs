using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Natak.Api.Auth;
using Scalar.AspNetCore;

namespace Natak.DevHost;

/// <summary>
/// What the dev host serves to a browser besides the API: Natak Studio (the reference web app, <c>web/studio</c>)
/// at <c>/</c>, the contract at <c>/api/openapi.yaml</c>, an interactive reference at <c>/api/docs</c> (Scalar,
/// whose UI is bundled in the package and served from here, no CDN), and in Development the sign-in of
/// <see cref="DevSignIn"/>. None of these is in the shared route table: the Functions app serves the API only,
/// and Studio is deployed as a static site in Azure (docs/web.md).
/// </summary>
internal static class DevHostWeb
{
    public const string OpenApiPath = "/api/openapi.yaml";
    public const string DocsPath = "/api/docs";

    private static string StudioFolder => Path.Combine(AppContext.BaseDirectory, "studio");

    private static string OpenApiFile => Path.Combine(AppContext.BaseDirectory, "docs", "openapi.yaml");

    /// <summary>Static files go first in the pipeline (before the API's status-code pages and routing).</summary>
    public static void UseStudio(WebApplication app)
    {
        if (!Directory.Exists(StudioFolder))
        {
            return;
        }

        var files = new PhysicalFileProvider(StudioFolder);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            // Revalidate every time: a rebuilt Studio shows at the next reload.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
    }

    public static void Map(WebApplication app)
    {
        app.MapGet(OpenApiPath, () => Results.File(OpenApiFile, "application/yaml; charset=utf-8"))
            .WithMetadata(DevHostOnlyRoute.Instance);

        // Offline and private: no telemetry, agent, MCP or web fonts; requests go to the host serving the page.
        app.MapScalarApiReference(DocsPath, options => options
                .WithTitle("Natak API")
                .WithOpenApiRoutePattern(OpenApiPath)
                .WithDynamicBaseServerUrl()
                .AddPreferredSecuritySchemes("bearer")
                .HideDeveloperTools()
                .DisableAgent()
                .DisableMcp()
                .DisableTelemetry()
                .DisableDefaultFonts())
            .WithMetadata(DevHostOnlyRoute.Instance);

        if (DevSignIn.IsOffered(app.Environment, app.Services.GetRequiredService<IOptions<AuthOptions>>().Value))
        {
            app.MapPost(DevSignIn.Template, DevSignIn.Handle).WithMetadata(DevHostOnlyRoute.Instance);
        }
    }
}
