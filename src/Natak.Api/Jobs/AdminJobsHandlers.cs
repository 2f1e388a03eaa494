using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Natak.Api.Characters;
using Natak.Api.Http;
using Natak.Api.Money;
using Natak.Assets;
using Natak.Core.Ids;
using Natak.Core.Jobs;
using Natak.Orchestrations.Jobs;
using Natak.Orchestrations.Pipelines.ProviderCalls;
using Natak.Tables.Characters;
using Natak.Tables.Credits;
using Natak.Tables.Jobs;
using Natak.Tables.Spend;

namespace Natak.Api.Jobs;

/// <summary>
/// The admin routes of one job: its timeline, and ending a stuck job. The admin does not know the owner: it is read
/// from the orchestration's input while the instance exists (one point read), else the job's row is found by one
/// query across every user's partition (<see cref="JobLookup"/>) — admin-only and rare, so the jobs' hot path writes
/// nothing extra for it.
/// </summary>
internal static class AdminJobsHandlers
{
    private static readonly TimeSpan TerminateWait = TimeSpan.FromSeconds(30);

    public static async Task<IResult> GetJobTimeline(ApiRequest request)
    {
        var (record, instance) = await FindJobAsync(request);
        var spendRead = request.Service<SpendStore>().GetJobAsync(record.JobId, request.Aborted);
        var ledgerRead = request.Service<ICreditLedger>().GetJobEntriesAsync(record.UserId, record.JobId, request.Aborted);
        var view = await ResultUrls.PresignViewAsync(JobViews.Compose(record), request.Service<IAssetStore>(), request.Aborted);
        var spend = await spendRead;
        var ledger = await ledgerRead;

        var paid = spend.Where(s => s.Provider != Revenue).ToList();
        var timeline = new AdminJobTimeline(
            record.UserId,
            view,
            Steps(record, paid),
            paid.Sum(s => s.CostUsd),
            spend.Where(s => s.Provider == Revenue).Sum(s => s.CreditsCharged ?? 0),
            [.. ledger.Select(JournalEntryView.From)],
            instance is null ? null : new AdminJobOrchestration(instance.RuntimeStatus.ToString(), instance.CreatedAt, instance.LastUpdatedAt));
        return TypedResults.Json(timeline, NatakJson.Options);
    }

    /// <summary>
    /// Ends a stuck job: terminates its orchestration, asks the providers to stop its requests still running (fal can;
    /// WaveSpeed has no cancel API), and settles it as a cancel does (<see cref="JobSettlement"/>: delivered outputs
    /// captured, the rest released, the row <c>cancelled</c>), deleting a new character's files.
    /// </summary>
    public static async Task<IResult> TerminateJob(ApiRequest request)
    {
        var (record, instance) = await FindJobAsync(request);
        if (record.Status.IsTerminal())
        {
            throw new ApiProblemException(ApiProblem.Conflict($"The job has already finished ({record.Status.ToWire()}); there is nothing to terminate."));
        }

        if (instance is not null && !IsEnded(instance.RuntimeStatus))
        {
            await request.Durable.TerminateInstanceAsync(record.JobId, new TerminateInstanceOptions("terminated by an admin", Recursive: true), request.Aborted);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted);
            wait.CancelAfter(TerminateWait);
            var ended = await request.Durable.WaitForInstanceCompletionAsync(record.JobId, wait.Token);
            if (ended.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
            {
                // It finished on its own meanwhile, and settled itself.
                throw new ApiProblemException(ApiProblem.Conflict("The job finished on its own while it was being terminated; there is nothing to terminate."));
            }
        }

        var canceller = request.Service<ProviderRequestCanceller>();
        var cancels = new List<object>();
        foreach (var step in record.Steps.Where(s => s.State is JobStepState.Running or JobStepState.Waiting && s.Provider is not null && s.RequestId is not null))
        {
            var outcome = await canceller.CancelAsync(step, request.Aborted);
            cancels.Add(new { step = step.Key, provider = step.Provider, requestId = step.RequestId, outcome });
        }

        var settlement = request.Service<JobSettlement>();
        if (record.Kind == JobKind.Character)
        {
            // Before the row says cancelled, as when a job ends on its own.
            var characterId = CharacterIds.FromJobId(record.JobId);
            if (await request.Service<CharacterStore>().GetAsync(record.UserId, characterId, request.Aborted) is null)
            {
                await settlement.DeleteCharacterFilesAsync(record.UserId, characterId, request.Aborted);
            }
        }

        var delivered = record.Outputs.Count;
        var settled = await settlement.SettleAsync(new JobEnding(record.UserId, record.JobId, OutputType(instance, record), delivered * record.CreditsPerOutput, delivered, JobStatus.Cancelled)
        {
            Error = new JobError("cancelled", "The job was ended by an administrator."),
        }, request.Aborted);

        if (settled.NextJobId is { } next)
        {
            // The slot it held goes to the oldest waiting job, as when a job ends on its own.
            await request.Durable.RaiseEventAsync(next, Orchestrations.Jobs.JobEvents.Admitted, record.JobId, request.Aborted);
        }

        var after = await request.Service<JobIndex>().GetAsync(record.UserId, record.JobId, request.Aborted) ?? record;
        var view = await ResultUrls.PresignViewAsync(JobViews.Compose(after), request.Service<IAssetStore>(), request.Aborted);
        return TypedResults.Json(new { job = view, providerCancels = cancels }, NatakJson.Options);
    }

    private const string Revenue = "natak";

    private static async Task<(JobRecord Record, OrchestrationMetadata? Instance)> FindJobAsync(ApiRequest request)
    {
        var jobId = request.RouteValue("jobId");
        if (!JobIds.IsWellFormed(jobId))
        {
            throw new ApiProblemException(ApiProblem.NotFound("job"));
        }

        var instance = await request.Durable.GetInstanceAsync(jobId, getInputsAndOutputs: true, request.Aborted);
        var record = InputString(instance, "UserId") is { } owner
            ? await request.Service<JobIndex>().GetAsync(owner, jobId, request.Aborted)
            : null;
        record ??= await request.Service<JobLookup>().FindAsync(jobId, request.Aborted);
        return record is null ? throw new ApiProblemException(ApiProblem.NotFound("job")) : (record, instance);
    }

    /// <summary>The steps of the job's row joined with the provider costs recorded per step (a step known only from its cost too).</summary>
    private static List<AdminJobStep> Steps(JobRecord record, IReadOnlyList<SpendRecord> paid)
    {
        var costs = paid.GroupBy(s => s.Step, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var steps = new List<AdminJobStep>();
        foreach (var state in record.Steps)
        {
            var ended = state.State is JobStepState.Done or JobStepState.Failed ? state.At : (DateTimeOffset?)null;
            var cost = costs.Remove(state.Key, out var rows) ? rows : [];
            steps.Add(new AdminJobStep(state.Key)
            {
                State = state.State,
                Label = state.Label,
                Provider = state.Provider ?? cost.FirstOrDefault()?.Provider,
                Model = state.Model ?? cost.FirstOrDefault()?.Model,
                RequestId = state.RequestId,
                Attempts = state.Attempts,
                FailedOverFrom = state.FailedOverFrom,
                Via = state.Via,
                WaitingFor = state.WaitingFor,
                StartedAt = state.StartedAt,
                EndedAt = ended,
                DurationSeconds = state.StartedAt is { } start && ended is { } end ? (end - start).TotalSeconds : null,
                Units = cost.Count == 0 ? null : cost.Sum(c => c.Units),
                Unit = cost.FirstOrDefault()?.UnitKind is { } unit ? Core.Jobs.WireNames<SpendUnit>.Of(unit) : null,
                CostUsd = cost.Count == 0 ? null : cost.Sum(c => c.CostUsd),
            });
        }

        foreach (var (key, cost) in costs)
        {
            steps.Add(new AdminJobStep(key)
            {
                Provider = cost[0].Provider,
                Model = cost[0].Model,
                EndedAt = cost.Max(c => c.At),
                Units = cost.Sum(c => c.Units),
                Unit = Core.Jobs.WireNames<SpendUnit>.Of(cost[0].UnitKind),
                CostUsd = cost.Sum(c => c.CostUsd),
            });
        }

        return [.. steps.OrderBy(s => s.StartedAt ?? s.EndedAt ?? DateTimeOffset.MaxValue)];
    }

    private static bool IsEnded(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    private static string OutputType(OrchestrationMetadata? instance, JobRecord record) =>
        InputString(instance, "OutputType") ?? record.Kind.ToWire();

    /// <summary>A top-level string of the orchestration's input (a job's input names its owner and output type).</summary>
    private static string? InputString(OrchestrationMetadata? instance, string name)
    {
        if (instance?.SerializedInput is not { } input)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(input) is JsonObject obj
                && obj.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value is JsonValue value
                && value.TryGetValue<string>(out var text) ? text : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
