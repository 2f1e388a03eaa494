using Microsoft.DurableTask;

namespace Natak.Orchestrations.Canary;

/// <summary>The canary's sub-orchestration: one activity, then its input echoed back.</summary>
public sealed class CanaryChildOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var zero = await context.CallActivityAsync<int>(nameof(CanaryEchoActivity), 0);
        return Echo(input, zero);
    }

    /// <summary>The child's answer for <paramref name="input"/> when its activity echoed <paramref name="activityEcho"/> (0 when it works).</summary>
    public static string Echo(string input, int activityEcho) => $"child:{input}:{activityEcho}";
}
