using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Natak.Api.Hosting;
using Natak.Orchestrations;

namespace Natak.Functions;

/// <summary>Composes the Functions app: ASP.NET Core integration, the shared services, the shared durable task registry.</summary>
public static class NatakFunctionsApp
{
    /// <param name="args">Command-line arguments.</param>
    /// <param name="configure">Extra configuration applied before services are added (tests).</param>
    public static FunctionsApplicationBuilder CreateBuilder(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        configure?.Invoke(builder.Configuration);
        builder.ConfigureFunctionsWebApplication();
        builder.AddNatakApi();
        AddTelemetry(builder);
        builder.ConfigureDurableWorker().AddTasks(NatakTasks.Register);
        return builder;
    }

    /// <summary>
    /// Natak's traces, metrics and logs go to Application Insights through the Azure Monitor exporter, authenticated
    /// with the app's managed identity (local auth is off on the component); host.json's <c>telemetryMode</c> makes
    /// the host send its own telemetry the same way, so one trace runs from the host's request to the worker's calls.
    /// </summary>
    private static void AddTelemetry(FunctionsApplicationBuilder builder)
    {
        var telemetry = builder.AddNatakTelemetry().UseFunctionsWorkerDefaults();
        if (!string.IsNullOrWhiteSpace(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            telemetry.UseAzureMonitorExporter(exporter => exporter.Credential = new DefaultAzureCredential());
        }
    }
}
