using Microsoft.AspNetCore.Http;

namespace Natak.Simulator;

/// <summary>
/// Accepting a queued job, the same for fal and WaveSpeed: key, immediate faults, model lookup, body, webhook URL,
/// validation and input downloads, then the job (with any job-level fault) — and the ambiguous-submit fault that
/// drops the connection after the job exists.
/// </summary>
internal sealed class SubmitFlow(ProviderGate gate, SimulatorControl control, JobQueue queue, InputPreparer preparer, TimeProvider time)
{
    /// <summary>The queued job, or null when the call was already answered or dropped.</summary>
    public async Task<SimJob?> AcceptAsync(ProviderCall call, IQueueDialect dialect, string modelId)
    {
        var http = call.Http;
        call.Model = modelId;
        if (await gate.AdmitAsync(call, dialect) is not { } account)
        {
            return null;
        }

        if (ModelRegistry.Find(dialect.Provider, modelId) is not { } model)
        {
            await ProviderGate.RespondAsync(call, dialect.UnknownModel(modelId));
            return null;
        }

        var (input, logged, error) = await RequestBodies.ReadObjectAsync(http);
        call.Input = logged;
        if (input is null)
        {
            await ProviderGate.RespondAsync(call, dialect.InvalidBody(error ?? "invalid JSON"));
            return null;
        }

        var webhook = http.Request.Query[dialect.WebhookParameter].ToString();
        if (webhook.Length > 0 && !InputFetcher.IsHttpUrl(webhook))
        {
            await ProviderGate.RespondAsync(call, dialect.InvalidWebhook());
            return null;
        }

        var prepared = await preparer.PrepareAsync(model, input, http.RequestAborted);
        if (dialect.Reject(prepared) is { } rejection)
        {
            await ProviderGate.RespondAsync(call, rejection);
            return null;
        }

        var job = new SimJob
        {
            Id = dialect.NewJobId(),
            Provider = dialect.Provider,
            Model = model,
            AccountId = account,
            Input = input,
            Plan = model.Plan(new PlanContext(model.Id, input, prepared.Facts, control.Faults.NextSeed())),
            BaseUrl = RequestBodies.BaseUrl(http, control.Options),
            WebhookUrl = webhook.Length > 0 ? webhook : null,
            InjectedFault = ProviderGate.TakeFault(call, control, FaultKinds.IsJobLevel),
            Blocked = prepared.Blocked,
            CreatedAt = time.GetUtcNow(),
            StartDeadline = StartTimeout(http, dialect) is { } timeout ? time.GetUtcNow() + timeout : null,
        };
        call.RequestId = job.Id;
        queue.Submit(job);

        if (ProviderGate.TakeFault(call, control, k => k == FaultKind.DropAfterAccept) is not null)
        {
            call.Abort(call.Note!);
            return null;
        }

        return job;
    }

    /// <summary>fal's optional <c>X-Fal-Request-Timeout: &lt;seconds&gt;</c> submit header.</summary>
    private static TimeSpan? StartTimeout(HttpContext http, IQueueDialect dialect) =>
        dialect.Provider == SimulatorProvider.Fal
        && double.TryParse(http.Request.Headers["X-Fal-Request-Timeout"].ToString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
        && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
