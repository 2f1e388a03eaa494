using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Natak.Simulator;

/// <summary>Hosts the simulator inside an existing ASP.NET Core app (the dev host can serve it in-process).</summary>
public static class SimulatorHostingExtensions
{
    /// <summary>
    /// Registers the simulator's services, binding <see cref="SimulatorOptions"/> from the <c>Simulator</c>
    /// configuration section (validated at start). Pair with <see cref="MapNatakSimulator"/>.
    /// </summary>
    public static IHostApplicationBuilder AddNatakSimulator(this IHostApplicationBuilder builder, Action<SimulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
        AddSimulatorServices(builder.Services);
        return builder;
    }

    /// <summary>
    /// Maps the fake providers and the control API at the root of the app: <c>/fal/...</c>, <c>/wavespeed/...</c>,
    /// <c>/xai/...</c>, <c>/stripe/...</c>, <c>/_sim/...</c>. The URLs it hands out use <see cref="SimulatorOptions.PublicBaseUrl"/> or the
    /// host each request came in on.
    /// </summary>
    public static IEndpointRouteBuilder MapNatakSimulator(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        endpoints.MapPost("/fal/queue/{**modelId}", (HttpContext h, string modelId, FalQueueApi api) => api.SubmitAsync(h, modelId));
        endpoints.MapGet("/fal/queue/{owner}/{app}/requests/{requestId}/status",
            (HttpContext h, string owner, string app, string requestId, FalQueueApi api) => api.StatusAsync(h, owner, app, requestId));
        endpoints.MapGet("/fal/queue/{owner}/{app}/requests/{requestId}",
            (HttpContext h, string owner, string app, string requestId, FalQueueApi api) => api.ResultAsync(h, owner, app, requestId));
        endpoints.MapPut("/fal/queue/{owner}/{app}/requests/{requestId}/cancel",
            (HttpContext h, string owner, string app, string requestId, FalQueueApi api) => api.CancelAsync(h, owner, app, requestId));

        endpoints.MapGet("/fal/rest/.well-known/jwks.json", (HttpContext h, FalStorageApi api) => api.JwksAsync(h));
        endpoints.MapPost("/fal/rest/storage/upload/initiate", (HttpContext h, FalStorageApi api) => api.InitiateUploadAsync(h));
        endpoints.MapPut("/fal/cdn/upload/{token}", (HttpContext h, string token, FalStorageApi api) => api.PutUploadAsync(h, token));
        endpoints.MapMethods("/fal/cdn/files/{**path}", [HttpMethods.Get, HttpMethods.Head],
            (HttpContext h, string path, FilesApi api) => api.GetAsync(h, SimulatorProvider.Fal, "fal/cdn/files/", path));

        endpoints.MapPost("/wavespeed/api/v3/{**modelId}", (HttpContext h, string modelId, WaveSpeedApi api) => api.SubmitAsync(h, modelId));
        endpoints.MapGet("/wavespeed/api/v3/predictions/{id}/result", (HttpContext h, string id, WaveSpeedApi api) => api.ResultAsync(h, id));
        endpoints.MapGet("/wavespeed/api/v3/webhook/secret", (HttpContext h, WaveSpeedApi api) => api.SecretAsync(h));
        endpoints.MapMethods("/wavespeed/files/{**path}", [HttpMethods.Get, HttpMethods.Head],
            (HttpContext h, string path, FilesApi api) => api.GetAsync(h, SimulatorProvider.WaveSpeed, "wavespeed/files/", path));

        endpoints.MapPost("/xai/v1/chat/completions", (HttpContext h, XaiApi api) => api.ChatAsync(h));

        endpoints.MapPost("/stripe/v1/checkout/sessions", (HttpContext h, StripeApi api) => api.CreateSessionAsync(h));
        endpoints.MapGet("/stripe/v1/checkout/sessions/{id}", (HttpContext h, string id, StripeApi api) => api.GetSessionAsync(h, id));
        endpoints.MapGet("/stripe/c/pay/{id}", (string id, StripeApi api) => api.PayPage(id));
        endpoints.MapPost("/stripe/c/pay/{id}", (string id, StripeApi api) => api.Pay(id));

        ControlApi.Map(endpoints);
        return endpoints;
    }

    /// <summary>Everything except the options, which the caller registers (bound from configuration, or a given instance).</summary>
    internal static void AddSimulatorServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SimulatorOptions>>().Value);
        services.AddSingleton<FalSigningKey>();
        services.AddSingleton(sp => new SimulatorControl(
            sp.GetRequiredService<SimulatorOptions>(), sp.GetRequiredService<FalSigningKey>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SimulatorHttp>();
        services.AddSingleton<InputFetcher>();
        services.AddSingleton<InputPreparer>();
        services.AddSingleton<FileStore>();
        services.AddSingleton<MediaFactory>();
        services.AddSingleton<BackgroundWork>();
        services.AddSingleton<WebhookPoster>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<StripeBook>();
        services.AddSingleton<StripeApi>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<ProviderGate>();
        services.AddSingleton<SubmitFlow>();
        services.AddSingleton<FalQueueApi>();
        services.AddSingleton<FalStorageApi>();
        services.AddSingleton<WaveSpeedApi>();
        services.AddSingleton<XaiApi>();
        services.AddSingleton<FilesApi>();
        services.AddHostedService<SimulatorLifetime>();
    }
}
