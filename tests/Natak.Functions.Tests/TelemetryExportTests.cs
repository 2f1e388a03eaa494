using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Natak.Functions.Tests;

public sealed class TelemetryExportTests
{
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/";

    [Fact]
    public void With_an_Application_Insights_connection_string_the_app_exports_with_its_managed_identity()
    {
        using var host = Build(ConnectionString);

        var options = host.Services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        Assert.Equal(ConnectionString, options.ConnectionString);
        Assert.IsType<DefaultAzureCredential>(options.Credential);
        Assert.NotNull(host.Services.GetService<TracerProvider>());
        Assert.NotNull(host.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void Without_a_connection_string_nothing_is_exported_to_Azure_Monitor()
    {
        using var host = Build(connectionString: null);

        Assert.Null(host.Services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName).Credential);
        Assert.NotNull(host.Services.GetService<TracerProvider>());
    }

    private static Microsoft.Extensions.Hosting.IHost Build(string? connectionString) =>
        NatakFunctionsApp.CreateBuilder([], configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Auth:SigningKey"] = Natak.Api.Auth.DevTokens.DevelopmentSigningKey,
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = connectionString,
        })).Build();
}
