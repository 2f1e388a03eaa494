using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Natak.Simulator;

/// <summary>The simulator's own HTTP API under <c>/_sim</c>: health, call log, config knobs, fault rules, Stripe actions, reset.</summary>
internal static class ControlApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var sim = endpoints.MapGroup("/_sim");

        sim.MapGet("/health", () => Results.Json(new { status = "ok" }, Json));

        sim.MapGet("/models", () => Results.Json(
            new
            {
                fal = FalCatalogue.Models.Select(m => m.Id),
                wavespeed = WaveSpeedCatalogue.Models.Select(m => m.Id),
            },
            Json));

        sim.MapGet("/calls", (HttpRequest request, SimulatorControl control) =>
        {
            SimulatorProvider? provider = null;
            SimulatorOperation? operation = null;
            if (request.Query["provider"].ToString() is { Length: > 0 } p)
            {
                if (!Enum.TryParse<SimulatorProvider>(p, ignoreCase: true, out var parsed))
                {
                    return Results.Json(new { error = $"unknown provider '{p}'" }, Json, statusCode: 400);
                }

                provider = parsed;
            }

            if (request.Query["operation"].ToString() is { Length: > 0 } o)
            {
                if (!Enum.TryParse<SimulatorOperation>(o, ignoreCase: true, out var parsed))
                {
                    return Results.Json(new { error = $"unknown operation '{o}'" }, Json, statusCode: 400);
                }

                operation = parsed;
            }

            return Results.Json(control.Calls(provider, operation), Json);
        });

        sim.MapDelete("/calls", (SimulatorControl control) =>
        {
            control.ClearCalls();
            return Results.NoContent();
        });

        sim.MapGet("/config", (SimulatorControl control) => Results.Json(ConfigDocument.From(control), Json));

        sim.MapPut("/config", async (HttpRequest request, SimulatorControl control) =>
        {
            try
            {
                var document = await JsonSerializer.DeserializeAsync<ConfigDocument>(request.Body, Json, request.HttpContext.RequestAborted)
                    ?? throw new ArgumentException("a JSON object is required");
                document.ApplyTo(control);
                return Results.Json(ConfigDocument.From(control), Json);
            }
            catch (Exception e) when (e is ArgumentException or JsonException)
            {
                return Results.Json(new { error = e.Message }, Json, statusCode: 400);
            }
        });

        sim.MapGet("/faults", (SimulatorControl control) =>
            Results.Json(control.Faults.List().Select(f => FaultDocument.From(f.Rule, f.Remaining)), Json));

        sim.MapPost("/faults", async (HttpRequest request, SimulatorControl control) =>
        {
            try
            {
                var document = await JsonSerializer.DeserializeAsync<FaultDocument>(request.Body, Json, request.HttpContext.RequestAborted)
                    ?? throw new ArgumentException("a JSON object is required");
                var rule = control.AddFault(document.ToRule());
                return Results.Json(FaultDocument.From(rule, rule.Times), Json, statusCode: 201);
            }
            catch (Exception e) when (e is ArgumentException or JsonException)
            {
                return Results.Json(new { error = e.Message }, Json, statusCode: 400);
            }
        });

        sim.MapDelete("/faults", (SimulatorControl control) =>
        {
            control.ClearFaults();
            return Results.NoContent();
        });

        sim.MapDelete("/faults/{id}", (string id, SimulatorControl control) =>
            control.RemoveFault(id) ? Results.NoContent() : Results.Json(new { error = $"no fault '{id}'" }, Json, statusCode: 404));

        StripeControlApi.Map(sim);

        sim.MapPost("/reset", (SimulatorControl control) =>
        {
            control.Reset();
            return Results.NoContent();
        });
    }
}
