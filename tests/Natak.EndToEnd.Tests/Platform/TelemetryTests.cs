using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Orchestrations.Canary;
using Natak.Simulator;

namespace Natak.EndToEnd.Tests.Platform;

/// <summary>
/// A real image job on Azurite through the dev host, its spans and metrics exported to memory: one trace from the
/// request to every provider, R2 and table call, in parent/child order and with Natak's attributes; the webhook
/// delivery linked to it; and the job's counts in the metrics.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests(TelemetryFixture fixture)
{
    private const string Model = "fal-ai/z-image/turbo";

    [Fact]
    public async Task An_image_job_is_one_trace_from_its_request_through_the_orchestration_to_each_call_and_is_counted()
    {
        var before = Counts();
        var user = Users.New("traced");
        await fixture.GrantAsync(user, 10);
        using var api = fixture.Api(user);

        var jobId = await Jobs.StartAsync(api, "/api/images", new { prompt = "a lighthouse at dawn", width = 1024, height = 1024 });
        Assert.Equal("succeeded", (string?)(await Jobs.WaitForTerminalAsync(api, jobId))["status"]);
        var job = await JobSpansAsync(jobId, "orchestration:PipelineOrchestrator");

        // One trace: the request that started the job (under the caller's own HTTP span, when the caller traces too)
        // is its root, every span of the job is in it, and each span's parent is in it.
        var request = job.Single(s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server);
        Assert.Equal(("image", user), (Tag(request, "natak.job.kind"), Tag(request, "natak.user.id")));
        var trace = fixture.Spans.Where(s => s.TraceId == request.TraceId).ToList();
        var root = Assert.Single(trace, s => s.ParentSpanId == default);
        Assert.True(root == request || (root.Source.Name == "System.Net.Http" && request.ParentSpanId == root.SpanId), $"the trace starts at {root.DisplayName}");
        Assert.All(job.Where(s => s.Source.Name != "Natak.Api"), s => Assert.Equal(request.TraceId, s.TraceId));
        Assert.All(trace.Where(s => s != root), s => Assert.Contains(trace, p => p.SpanId == s.ParentSpanId));

        // request → orchestration → activities → provider HTTP, R2 and table calls, each under the one before.
        var orchestration = Single(trace, "orchestration:PipelineOrchestrator", ActivityKind.Server);
        Assert.Equal(request.SpanId, Single(trace, "create_orchestration:PipelineOrchestrator", ActivityKind.Producer).ParentSpanId);
        Assert.True(IsBelow(trace, orchestration, request));
        // The start route holds the credits itself: the ledger's transaction is under the request.
        Assert.Contains(Below(trace, request), s => s.Source.Name.StartsWith("Azure.Data.Tables", StringComparison.Ordinal) && s.DisplayName == "TableClient.SubmitTransaction");

        // The paid step runs inside the job's orchestration: its activities are the orchestration's children.
        var submit = Single(trace, "activity:SubmitProviderRequestActivity", ActivityKind.Server);
        Assert.True(IsBelow(trace, submit, orchestration));
        var falSubmit = Child(trace, submit, "fal submit");
        var requestId = Tag(falSubmit, "natak.provider.request_id");
        Assert.False(string.IsNullOrEmpty(requestId));
        Assert.Equal(("fal", Model), (Tag(falSubmit, "natak.provider"), Tag(falSubmit, "natak.model")));
        Assert.Contains(trace, s => s.ParentSpanId == falSubmit.SpanId && s.Source.Name == "System.Net.Http" && s.Kind == ActivityKind.Client);
        Assert.Equal((jobId, user, "generate-1", requestId), (Tag(submit, "natak.job.id"), Tag(submit, "natak.user.id"), Tag(submit, "natak.step"), Tag(submit, "natak.provider.request_id")));

        var collect = Single(trace, "activity:CollectProviderOutputsActivity", ActivityKind.Server);
        Assert.True(IsBelow(trace, collect, orchestration));
        Assert.Equal(requestId, Tag(Child(trace, collect, "fal result"), "natak.provider.request_id"));
        var copy = Child(trace, collect, "r2 copy");
        Assert.StartsWith($"users/{user}/jobs/{jobId}/", Tag(copy, "natak.r2.key"), StringComparison.Ordinal);
        Assert.Contains(trace, s => s.ParentSpanId == copy.SpanId && s.Source.Name == "System.Net.Http" && s.DisplayName == "PUT");
        var cost = Assert.IsType<double>(collect.GetTagItem("natak.cost_usd"));
        Assert.True(cost > 0);
        Assert.Contains(Below(trace, collect), s => s.DisplayName == "TableClient.AddEntity");

        // One image: the collect that stored it also ended the job, so no finish activity runs after it.
        Assert.Equal("succeeded", Tag(collect, "natak.job.status"));
        Assert.DoesNotContain(trace, s => s.DisplayName == "activity:FinishJobActivity");

        // The webhook arrives on its own request, linked to the step that gave the provider its URL.
        var webhook = Assert.Single(job, s => s.Source.Name == "Natak.Api" && s.DisplayName == "webhook fal");
        Assert.Contains(webhook.Links, l => l.Context.TraceId == request.TraceId && l.Context.SpanId == submit.SpanId);
        Assert.Equal(requestId, Tag(webhook, "natak.provider.request_id"));

        var after = Counts();
        Assert.Equal(1, after.Started - before.Started);
        Assert.Equal(1, after.Succeeded - before.Succeeded);
        Assert.Equal(1, after.Reserved - before.Reserved);
        Assert.Equal(1, after.Captured - before.Captured);
        Assert.Equal(cost, after.Spend - before.Spend, 9);
        Assert.Equal(1, after.Steps - before.Steps);
        Assert.Equal(1, after.Accepted - before.Accepted);
        Assert.True(after.Submits - before.Submits >= 1);
    }

    [Fact]
    public async Task A_failed_provider_call_is_counted_by_code_its_job_as_failed_and_a_forged_webhook_as_refused()
    {
        var before = Counts();
        var user = Users.New("traced-fail");
        await fixture.GrantAsync(user, 10);
        using var api = fixture.Api(user);
        var fault = fixture.Simulator.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Model = Model, Operation = SimulatorOperation.Submit, Kind = FaultKind.Http500, Times = 1 });
        try
        {
            var jobId = await Jobs.StartAsync(api, "/api/images", new { prompt = "a lighthouse at dusk", width = 1024, height = 1024 });
            Assert.Equal("failed", (string?)(await Jobs.WaitForTerminalAsync(api, jobId))["status"]);
            var job = await JobSpansAsync(jobId, "orchestration:PipelineOrchestrator");
            var falSubmit = Assert.Single(job.Concat(fixture.Spans.Where(s => s.TraceId == job[0].TraceId)).Distinct(), s => s.DisplayName == "fal submit");
            Assert.Equal((ActivityStatusCode.Error, "ambiguous_submit"), (falSubmit.Status, Tag(falSubmit, "natak.error.code")));
        }
        finally
        {
            fixture.Simulator.Control.RemoveFault(fault.Id!);
        }

        using (var forged = new StringContent("""{"request_id":"x","status":"OK","payload":{}}""", Encoding.UTF8, "application/json"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.Http.PostAsync("/api/webhooks/fal", forged)).StatusCode);
        }

        Assert.Equal(1, fixture.Sum("natak.provider.errors", ("natak.provider", "fal"), ("natak.error.code", "ambiguous_submit")) - before.AmbiguousSubmits);
        Assert.Equal(1, fixture.Sum("natak.jobs.finished", ("natak.job.kind", "image"), ("natak.job.status", "failed")) - before.Failed);
        Assert.Equal(1, fixture.Sum("natak.credits.released", ("natak.reason", "release")) - before.Released);
        Assert.Equal(1, fixture.Sum("natak.webhooks.deliveries", ("natak.provider", "fal"), ("natak.webhook.outcome", "refused"), ("natak.reason", "MissingHeaders")) - before.Refused);
    }

    [Fact]
    public async Task The_canary_is_not_a_job_so_its_spans_name_no_job_and_no_step()
    {
        var client = fixture.Host.DurableClient;
        var id = "canary-traced-" + Guid.NewGuid().ToString("N");
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(CanaryOrchestrator), new CanaryInput(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1), 2),
            new StartOrchestrationOptions(id));
        await client.RaiseEventAsync(id, CanaryOrchestrator.PingEvent, "hello");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await client.WaitForInstanceCompletionAsync(id, timeout.Token)).RuntimeStatus);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<Activity> canary;
        do
        {
            await Task.Delay(200);
            canary = fixture.Spans.Where(s => Tag(s, "durabletask.task.instance_id")?.StartsWith(id, StringComparison.Ordinal) == true).ToList();
        }
        while (!canary.Exists(s => Tag(s, "durabletask.task.instance_id")!.Contains('~', StringComparison.Ordinal)) && DateTime.UtcNow < deadline);

        Assert.Contains(canary, s => Tag(s, "durabletask.task.instance_id")!.Contains('~', StringComparison.Ordinal));
        Assert.All(canary, s => Assert.Equal((null, null), (Tag(s, "natak.job.id"), Tag(s, "natak.step"))));
    }

    private Snapshot Counts() => new(
        fixture.Sum("natak.jobs.started", ("natak.job.kind", "image")),
        fixture.Sum("natak.jobs.finished", ("natak.job.kind", "image"), ("natak.job.status", "succeeded")),
        fixture.Sum("natak.jobs.finished", ("natak.job.kind", "image"), ("natak.job.status", "failed")),
        fixture.Sum("natak.credits.reserved"),
        fixture.Sum("natak.credits.captured"),
        fixture.Sum("natak.credits.released", ("natak.reason", "release")),
        fixture.Sum("natak.spend", ("natak.provider", "fal"), ("natak.model", Model)),
        fixture.Sum("natak.step.duration", ("natak.provider", "fal"), ("natak.model", Model)),
        fixture.Sum("natak.webhooks.deliveries", ("natak.provider", "fal"), ("natak.webhook.outcome", "accepted")),
        fixture.Sum("natak.webhooks.deliveries", ("natak.provider", "fal"), ("natak.webhook.outcome", "refused"), ("natak.reason", "MissingHeaders")),
        fixture.Sum("natak.provider.call.duration", ("natak.provider", "fal"), ("natak.provider.operation", "submit")),
        fixture.Sum("natak.provider.errors", ("natak.provider", "fal"), ("natak.error.code", "ambiguous_submit")));

    /// <summary>The spans tagged with the job, once <paramref name="last"/> (exported when it ends) is among them.</summary>
    private async Task<List<Activity>> JobSpansAsync(string jobId, string last)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var spans = fixture.Spans.Where(s => Tag(s, "natak.job.id") == jobId).ToList();
            if (spans.Exists(s => s.DisplayName == last && s.Kind == ActivityKind.Server) || DateTime.UtcNow > deadline)
            {
                return spans;
            }

            await Task.Delay(200);
        }
    }

    private static string? Tag(Activity span, string key) => span.GetTagItem(key)?.ToString();

    private static Activity Single(List<Activity> trace, string name, ActivityKind kind) =>
        Assert.Single(trace, s => s.DisplayName == name && s.Kind == kind);

    private static Activity Child(List<Activity> trace, Activity parent, string name) =>
        Assert.Single(trace, s => s.ParentSpanId == parent.SpanId && s.DisplayName == name);

    private static bool IsBelow(List<Activity> trace, Activity span, Activity ancestor)
    {
        for (var current = span; current is not null; current = trace.Find(p => p.SpanId == current.ParentSpanId))
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<Activity> Below(List<Activity> trace, Activity ancestor) => trace.Where(s => IsBelow(trace, s, ancestor));

    private sealed record Snapshot(double Started, double Succeeded, double Failed, double Reserved, double Captured, double Released,
        double Spend, double Steps, double Accepted, double Refused, double Submits, double AmbiguousSubmits);
}
