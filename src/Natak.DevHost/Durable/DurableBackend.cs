using System.Net;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Natak.DevHost.Durable;

/// <summary>
/// The Durable Task gRPC sidecar (<see cref="TaskHubGrpcServer"/>) over Azure Storage (Azurite) or the
/// in-memory backend, in its own small Kestrel host on a loopback HTTP/2 port. The dev host's worker and client
/// connect to it through <see cref="Channel"/> — the same protocol the Functions host speaks to its worker.
/// </summary>
public sealed class DurableBackend : IAsyncDisposable
{
    private readonly WebApplication _sidecar;
    private readonly ILoggerFactory _loggerFactory;

    private DurableBackend(WebApplication sidecar, ILoggerFactory loggerFactory, Uri address, IOrchestrationServiceClient client)
    {
        _sidecar = sidecar;
        _loggerFactory = loggerFactory;
        Address = address;
        Client = client;
        Channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = 16 * 1024 * 1024 });
    }

    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    /// <summary>The backend's own client (for diagnostics and tests that inspect storage-level state).</summary>
    public IOrchestrationServiceClient Client { get; }

    /// <summary>Starts the backend; it takes ownership of <paramref name="loggerFactory"/> and disposes it last.</summary>
    public static async Task<DurableBackend> StartAsync(DurableBackendOptions options, string? storageConnectionString, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        IOrchestrationService service;
        IOrchestrationServiceClient client;
        if (options.Backend == DurableBackendKind.Memory)
        {
            var memory = new InMemoryOrchestrationService(loggerFactory);
            service = memory;
            client = memory;
        }
        else
        {
            if (string.IsNullOrWhiteSpace(storageConnectionString))
            {
                throw new InvalidOperationException("The Azure Storage durable backend needs AzureWebJobsStorage as a connection string (Azurite: UseDevelopmentStorage=true).");
            }

            var azure = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
            {
                TaskHubName = options.TaskHubName,
                StorageAccountClientProvider = new StorageAccountClientProvider(storageConnectionString),
                MaxQueuePollingInterval = options.MaxQueuePollingInterval,
                PartitionCount = options.PartitionCount,
                ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
                WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout,
                MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
                MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
                WorkerId = options.WorkerId,
                LoggerFactory = loggerFactory,
            });
            await azure.CreateIfNotExistsAsync();
            service = azure;
            client = azure;
        }

        service = new SidecarOrchestrationService(service, options.MaxConcurrentActivities, options.MaxConcurrentOrchestrations);

        var builder = WebApplication.CreateSlimBuilder();

        // The sidecar listens only where Listen() below says; the process's Urls setting belongs to the API host.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, options.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = 16 * 1024 * 1024);
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton(client);
        builder.Services.AddSingleton<TaskHubGrpcServer>();

        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DurableBackend(app, loggerFactory, new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal)), client);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _sidecar.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Shutting down anyway: Azure Storage leases expire and are re-acquired by the next start.
        }

        await _sidecar.DisposeAsync();
        _loggerFactory.Dispose();
    }
}
