using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Natak.Orchestrations;

namespace Natak.Functions.Tests;

public sealed class DurableTriggerParityTests
{
    /// <summary>
    /// The Durable extension adds an orchestrationTrigger/activityTrigger function per registered task when the
    /// worker starts (its metadata transformer); running the transformers of the app's real host shows what the
    /// Functions host would be told, without the Functions host.
    /// </summary>
    [Fact]
    public void The_functions_host_declares_a_durable_trigger_for_every_task_in_the_registry()
    {
        var builder = NatakFunctionsApp.CreateBuilder([], configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Auth:SigningKey"] = Natak.Api.Auth.DevTokens.DevelopmentSigningKey,
        }));

        // In a real worker the extension's generated start-up calls this; here nothing runs it for us.
        builder.ConfigureDurableExtension();
        using var host = builder.Build();

        var functions = new List<IFunctionMetadata>();
        foreach (var transformer in host.Services.GetServices<IFunctionMetadataTransformer>())
        {
            transformer.Transform(functions);
        }

        var triggers = functions
            .SelectMany(f => f.RawBindings!.Select(b => (f.Name, Binding: b)))
            .Select(x => (x.Name, Type: System.Text.Json.Nodes.JsonNode.Parse(x.Binding)!["type"]!.GetValue<string>()))
            .ToHashSet();

        foreach (var orchestrator in NatakTasks.Orchestrators)
        {
            Assert.Contains((orchestrator.Name, "orchestrationTrigger"), triggers);
        }

        foreach (var activity in NatakTasks.Activities)
        {
            Assert.Contains((activity.Name, "activityTrigger"), triggers);
        }

        Assert.Equal(NatakTasks.Orchestrators.Count + NatakTasks.Activities.Count, triggers.Count(t => t.Type is "orchestrationTrigger" or "activityTrigger"));
    }
}
