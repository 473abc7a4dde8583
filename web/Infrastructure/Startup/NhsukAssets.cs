using Microsoft.Extensions.FileProviders;

namespace HistoryEngine.Web.Infrastructure.Startup;

/// <summary>Serves the NHS.UK frontend's images and manifest at /assets, where its stylesheet asks for them.</summary>
internal static class NhsukAssets
{
    public static IApplicationBuilder UseNhsukAssets(this WebApplication app)
    {
        var folder = app.Environment.WebRootPath is { } root ? Path.Combine(root, "lib", "nhsuk", "assets") : null;
        if (folder is null || !Directory.Exists(folder))
        {
            // The site still works unstyled; say why rather than fail to start.
            app.Logger.LogWarning("The NHS.UK frontend assets are missing (build the web project to copy them from npm)");
            return app;
        }
        return app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(folder), RequestPath = "/assets" });
    }
}
