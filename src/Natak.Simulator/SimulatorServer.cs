using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Natak.Simulator;

/// <summary>
/// The provider simulator running on its own Kestrel server on loopback — for tests and tools in other projects.
/// <code>
/// await using var sim = await SimulatorServer.StartAsync();
/// var falQueueBase = sim.Endpoints.FalQueueBaseUrl;   // instead of https://queue.fal.run
/// sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Operation = SimulatorOperation.Submit, Kind = FaultKind.Http503, Times = 1 });
/// </code>
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorServer(WebApplication app, Uri listenUrl, Uri baseUrl)
    {
        _app = app;
        ListenUrl = listenUrl;
        BaseUrl = baseUrl;
        Endpoints = SimulatorEndpoints.For(baseUrl);
        Control = app.Services.GetRequiredService<SimulatorControl>();
    }

    /// <summary>Where the simulator listens, e.g. <c>http://127.0.0.1:54321</c> (or <see cref="SimulatorOptions.PublicBaseUrl"/>).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The loopback address Kestrel listens on (differs from <see cref="BaseUrl"/> only with a <see cref="SimulatorOptions.PublicBaseUrl"/>).</summary>
    public Uri ListenUrl { get; }

    /// <summary>The provider base URLs to configure Natak with.</summary>
    public SimulatorEndpoints Endpoints { get; }

    /// <summary>Knobs, fault rules and the call log.</summary>
    public SimulatorControl Control { get; }

    /// <summary>Starts Kestrel on 127.0.0.1:<see cref="SimulatorOptions.Port"/> (0 picks a free port).</summary>
    /// <exception cref="OptionsValidationException">The options are inconsistent.</exception>
    public static async Task<SimulatorServer> StartAsync(SimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulatorOptions();
        SimulatorOptionsValidator.ThrowIfInvalid(options);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SimulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddSingleton(Options.Create(options));
        SimulatorHostingExtensions.AddSimulatorServices(builder.Services);

        var app = builder.Build();
        app.MapNatakSimulator();
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        return new SimulatorServer(app, new Uri(address), new Uri(options.PublicBaseUrl ?? address));
    }

    /// <summary>Stops the server, its jobs and webhook deliveries.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
