using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Natak.Api.Hosting;
using Natak.Orchestrations.Hosting;
using Natak.Api.Http;
using Natak.DevHost.Durable;
using Natak.Orchestrations;
using Natak.Simulator;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Natak.DevHost;

/// <summary>
/// The local host: Natak's HTTP API on <c>http://localhost:7071/api</c> (like <c>func start</c>), the durable
/// worker running the same orchestrations and activities as the Functions app, and the Durable Task sidecar
/// persisting them in Azurite (or in memory). Tests start it in-process through <see cref="StartAsync"/>.
/// </summary>
public sealed class DevHostApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DurableBackend _backend;

    private DevHostApp(WebApplication app, DurableBackend backend, Uri baseUrl, SimulatorServer? simulator)
    {
        _app = app;
        _backend = backend;
        BaseUrl = baseUrl;
        Simulator = simulator;
    }

    /// <summary>The provider simulator this host started because no provider keys were configured (else null).</summary>
    public SimulatorServer? Simulator { get; }

    public Uri BaseUrl { get; }

    public IServiceProvider Services => _app.Services;

    public DurableTaskClient DurableClient => _app.Services.GetRequiredService<DurableTaskClient>();

    public DurableBackend Backend => _backend;

    /// <summary>
    /// Builds and starts the dev host; <paramref name="configure"/> lets tests override settings and
    /// <paramref name="configureServices"/> add services (e.g. a logger provider that captures what is logged).
    /// </summary>
    public static async Task<DevHostApp> StartAsync(
        string[] args,
        Action<IConfigurationBuilder>? configure = null,
        Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
                ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                ?? Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder.Configuration);
        ApplyCommandLineShortcuts(builder.Configuration, args);
        var simulator = await EmbeddedSimulator.StartIfNoProviderKeysAsync(builder.Configuration, cancellationToken);

        builder.AddNatakApi();
        AddTelemetry(builder);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 2 * 1024 * 1024);
        builder.Services.AddProblemDetails();

        var durableOptions = builder.Configuration.GetSection(DurableBackendOptions.SectionName).Get<DurableBackendOptions>() ?? new DurableBackendOptions();
        var backendLogging = LoggerFactory.Create(logging => logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true));
        DurableBackend backend;
        try
        {
            backend = await DurableBackend.StartAsync(durableOptions, builder.Configuration[StorageAccount.SettingName], backendLogging, cancellationToken);
        }
        catch
        {
            await (simulator?.DisposeAsync() ?? ValueTask.CompletedTask);
            throw;
        }

        try
        {
            builder.Services.AddDurableTaskWorker(worker =>
            {
                worker.UseGrpc(backend.Channel);
                worker.AddTasks(NatakTasks.Register);
                worker.Configure(options =>
                {
                    options.Concurrency.MaximumConcurrentActivityWorkItems = durableOptions.MaxConcurrentActivities;
                    options.Concurrency.MaximumConcurrentOrchestrationWorkItems = durableOptions.MaxConcurrentOrchestrations;
                });
            });
            builder.Services.AddDurableTaskClient(client =>
            {
                client.UseGrpc(backend.Channel);
                client.RegisterDirectly();
            });
            builder.Services.AddHostedService<HoldSweepService>();

            // Last, so a test may also wrap what the host registered (the Durable client, the table client).
            configureServices?.Invoke(builder.Services);
            var app = builder.Build();
            _ = app.Services.GetService<OtlpExportErrors>(); // listening from the start
            MapApi(app);
            await app.StartAsync(cancellationToken);

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new DevHostApp(app, backend, new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal)), simulator);
        }
        catch
        {
            await backend.DisposeAsync();
            await (simulator?.DisposeAsync() ?? ValueTask.CompletedTask);
            throw;
        }
    }

    /// <summary>Runs until Ctrl-C / SIGTERM, then stops the API and worker before the durable backend.</summary>
    public async Task WaitForShutdownAsync() => await _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            try
            {
                await _app.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Stopping anyway.
            }
        }

        await _app.DisposeAsync();
        await _backend.DisposeAsync();
        await (Simulator?.DisposeAsync() ?? ValueTask.CompletedTask);
    }

    /// <summary>Maps every route of the shared route table; unknown API paths get a problem document too.</summary>
    internal static void MapApi(WebApplication app)
    {
        DevHostWeb.UseStudio(app);
        var cors = app.Services.GetRequiredService<ApiCors>();
        app.Use(cors.AnswerPreflightsAsync);
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) && http.Response.ContentLength is null && !http.Response.HasStarted)
            {
                cors.Apply(http);
                var problem = http.Response.StatusCode == StatusCodes.Status405MethodNotAllowed
                    ? ApiProblem.Create(405, Natak.Core.Problems.ProblemCodes.MethodNotAllowed, "Method not allowed.", $"{http.Request.Method} is not allowed on this route.")
                    : ApiProblem.Create(http.Response.StatusCode, Natak.Core.Problems.ProblemCodes.NotFound, "Not found.", "No such route.");
                await ApiPipeline.ProblemResult(problem, http).ExecuteAsync(http);
            }
        });

        foreach (var route in NatakRoutes.All)
        {
            app.MapMethods("/api/" + route.Template, [route.Method],
                (HttpContext http, ApiPipeline pipeline, DurableTaskClient durable) => pipeline.ExecuteAsync(route, http, durable))
               .WithName(route.Name);
        }

        DevHostWeb.Map(app);
    }

    /// <summary>
    /// Traces and metrics of the API, the durable work and their calls; exported over OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the standard <c>OTEL_*</c> variables apply), printed failures included.
    /// </summary>
    private static void AddTelemetry(WebApplicationBuilder builder)
    {
        var telemetry = builder.AddNatakTelemetry()
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(aspNet =>
                aspNet.Filter = http => http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
            builder.Services.AddSingleton<OtlpExportErrors>();
        }
    }

    /// <summary><c>--backend memory</c> and <c>--port 7071</c> as friendlier spellings of the configuration keys.</summary>
    private static void ApplyCommandLineShortcuts(IConfigurationManager configuration, string[] args)
    {
        var overrides = new Dictionary<string, string?>();
        for (var i = 0; i < args.Length - 1; i++)
        {
            switch (args[i])
            {
                case "--backend":
                    overrides[DurableBackendOptions.SectionName + ":Backend"] = args[i + 1].Equals("memory", StringComparison.OrdinalIgnoreCase) ? nameof(DurableBackendKind.Memory) : args[i + 1];
                    break;
                case "--port":
                    overrides["Urls"] = "http://127.0.0.1:" + args[i + 1];
                    break;
            }
        }

        configuration.AddInMemoryCollection(overrides);
    }
}
