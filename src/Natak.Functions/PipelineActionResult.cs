using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Natak.Api.Http;

namespace Natak.Functions;

/// <summary>Hands a triggered request to the shared pipeline, which writes the response itself.</summary>
internal sealed class PipelineActionResult(ApiPipeline pipeline, ApiRoute route, DurableTaskClient durable, (string Name, string Value)[] routeValues) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        // Trigger parameters carry the route values; the shared handlers read them from the request like ASP.NET Core routing sets them.
        foreach (var (name, value) in routeValues)
        {
            context.HttpContext.Request.RouteValues[name] = value;
        }

        return pipeline.ExecuteAsync(route, context.HttpContext, durable);
    }
}
