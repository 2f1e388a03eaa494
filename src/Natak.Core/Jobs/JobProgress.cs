namespace Natak.Core.Jobs;

/// <summary>
/// Where a job is: the step that changed last, how many of its steps are done, and what a person reads of it.
/// </summary>
/// <param name="Step">The key of the step that changed last (null before the first step).</param>
/// <param name="CompletedSteps">Steps done so far.</param>
/// <param name="TotalSteps">Steps the job runs in all.</param>
public sealed record JobProgress(string? Step, int CompletedSteps, int TotalSteps)
{
    /// <summary>What a person reads: "Generating image 3 of 8", "Waiting for a free slot (2 ahead)", "Done".</summary>
    public string? Label { get; init; }

    /// <summary>0–100: done steps of all; 100 only once the job succeeded.</summary>
    public int Percent { get; init; }

    /// <summary>Jobs ahead of this one: in Natak's admission queue while it waits for a slot, else in the provider's queue when it reports one.</summary>
    public int? QueuePosition { get; init; }

    /// <summary>What it waits for, when it waits: <c>queue</c> (a free slot), <c>provider_limit</c>, <c>storage</c>.</summary>
    public string? WaitingFor { get; init; }
}
