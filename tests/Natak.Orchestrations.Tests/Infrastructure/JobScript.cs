using System.Collections.Concurrent;
using Natak.Orchestrations.Pipelines;

namespace Natak.Orchestrations.Tests.Infrastructure;

/// <summary>
/// What the fakes do for one job, and what they were asked. A test makes one per job (<see cref="FakeWorld.NewJob"/>),
/// scripts it, runs the real orchestrations, then reads <see cref="Calls"/>.
/// </summary>
internal sealed class JobScript(string jobId)
{
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new(StringComparer.Ordinal);

    public string JobId => jobId;

    public string UserId => "user-" + jobId;

    /// <summary>(step key, provider) → what that provider does with the step's request. Default: delivers.</summary>
    public Func<string, string, ProviderScript> Providers { get; set; } = (_, _) => ProviderScript.Delivers;

    /// <summary>The credits the start route held for the job.</summary>
    public long Held { get; set; }

    /// <summary>How many collects in a row find storage unreachable before it is back.</summary>
    public int StorageOutage { get; set; }

    /// <summary>The job the admission queue hands this job's slot to when it finishes (its id), if any.</summary>
    public string? NextInLine { get; set; }

    /// <summary>Whether the admission queue says the job holds a slot (what a queued job's look at its place finds).</summary>
    public bool HoldsSlot { get; set; }

    /// <summary>
    /// Whether a collect asked to end the job (the last step of a one-output job) does so, as the real one does when
    /// its settlement succeeds. Off by default: the collect answers as if settling had failed, and the job ends
    /// through its own finish.
    /// </summary>
    public bool SettlesInCollect { get; set; }

    public IReadOnlyList<RecordedCall> Calls => [.. _calls.OrderBy(c => c.Seq)];

    /// <summary>Makes the fake of <paramref name="activity"/> wait, once called, until the returned gate is opened.</summary>
    public TaskCompletionSource Hold(string activity) =>
        _holds.GetOrAdd(activity, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public IReadOnlyList<RecordedCall> CallsTo(string activity) => [.. Calls.Where(c => c.Activity == activity)];

    /// <summary>Waits until <paramref name="count"/> calls match (the orchestrations run on their own threads).</summary>
    public async Task<IReadOnlyList<RecordedCall>> WaitForAsync(Func<RecordedCall, bool> match, string what, int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var found = Calls.Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: {found.Count} of {count} calls after 10 s. Calls: {string.Join(", ", Calls.Select(c => $"{c.Activity}({c.StepKey}/{c.Provider}/{c.Answer})"))}");
            }

            await Task.Delay(5);
        }
    }

    internal void Record(RecordedCall call) => _calls.Enqueue(call);

    internal Task PassAsync(string activity) =>
        _holds.TryGetValue(activity, out var gate) ? gate.Task.WaitAsync(TimeSpan.FromSeconds(20)) : Task.CompletedTask;
}
