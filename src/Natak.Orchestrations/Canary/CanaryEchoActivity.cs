using Microsoft.DurableTask;

namespace Natak.Orchestrations.Canary;

/// <summary>Returns its input: the cheapest possible round trip through the activity queue.</summary>
public sealed class CanaryEchoActivity : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input);
}
