using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Natak.Simulator;

/// <summary>Standalone: <c>dotnet run --project src/Natak.Simulator</c> listens on http://127.0.0.1:7080 (<c>--urls</c> overrides).</summary>
internal static class Program
{
    public static Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:7080");
        }

        // why: no appsettings.json here — it would collide with the host's own when another web project references this one
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.AddNatakSimulator();
        var app = builder.Build();
        app.MapNatakSimulator();
        return app.RunAsync();
    }
}
