using Microsoft.DurableTask;

namespace Natak.Orchestrations.Canary;

/// <summary>The canary's sub-orchestration: one activity, then its input echoed back.</summary>
public sealed class CanaryChildOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var zero = await context.CallActivityAsync<int>(nameof(CanaryEchoActivity), 0);
        return $"child:{input}:{zero}";
    }
}
