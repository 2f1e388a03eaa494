using Microsoft.DurableTask;
using Natak.Orchestrations.Canary;
using Natak.Orchestrations.Characters;
using Natak.Orchestrations.Jobs;
using Natak.Orchestrations.Pipelines;
using Natak.Orchestrations.Pipelines.Activities;
using Natak.Orchestrations.Pipelines.ProviderCalls;

namespace Natak.Orchestrations;

/// <summary>
/// The one list of durable tasks. The Functions app (<c>ConfigureDurableWorker().AddTasks</c>), the dev host's
/// worker and the tests all register through <see cref="Register"/>; a test fails if the Functions app's
/// generated triggers differ from it. Task names are the class names: they are durable contracts.
/// </summary>
public static class NatakTasks
{
    public static IReadOnlyList<Type> Orchestrators { get; } =
    [
        typeof(CanaryOrchestrator),
        typeof(CanaryChildOrchestrator),
        typeof(PipelineOrchestrator),
    ];

    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(CanaryEchoActivity),
        typeof(FinishJobActivity),
        typeof(WritePromptActivity),
        typeof(PackageTrainingImagesActivity),
        typeof(SaveCharacterActivity),
        typeof(SubmitProviderRequestActivity),
        typeof(PollProviderRequestActivity),
        typeof(CollectProviderOutputsActivity),
        typeof(CancelProviderRequestActivity),
        typeof(DeleteCharacterFilesActivity),
        typeof(CheckSlotActivity),
    ];

    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var orchestrator in Orchestrators)
        {
            registry.AddOrchestrator(orchestrator);
        }

        foreach (var activity in Activities)
        {
            registry.AddActivity(activity);
        }
    }
}
