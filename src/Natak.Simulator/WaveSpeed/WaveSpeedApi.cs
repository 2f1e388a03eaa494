using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Natak.Simulator;

/// <summary>WaveSpeed's api/v3: task submit, prediction result, webhook secret (provider-apis.md §3).</summary>
internal sealed class WaveSpeedApi(SimulatorControl control, ProviderGate gate, SubmitFlow submissions, JobQueue queue)
{
    public async Task SubmitAsync(HttpContext http, string modelId)
    {
        var call = new ProviderCall(http, SimulatorProvider.WaveSpeed, SimulatorOperation.Submit, control.Log);
        if (await submissions.AcceptAsync(call, WaveSpeedDialect.Instance, modelId) is not { } job)
        {
            return;
        }

        // why: WaveSpeed answers a fresh task as "created" whatever the queue did in the meantime
        var data = WaveSpeedBodies.Prediction(job, new JobSnapshot(JobState.Queued, 0, [], null, null, null));
        await call.RespondAsync(200, WaveSpeedDialect.Envelope(data));
    }

    public async Task ResultAsync(HttpContext http, string id)
    {
        var job = queue.Find(SimulatorProvider.WaveSpeed, id);
        var call = new ProviderCall(http, SimulatorProvider.WaveSpeed, SimulatorOperation.Result, control.Log) { RequestId = id, Model = job?.Model.Id };
        if (await gate.AdmitAsync(call, WaveSpeedDialect.Instance) is null)
        {
            return;
        }

        if (job is null)
        {
            await ProviderGate.RespondAsync(call, WaveSpeedDialect.Error(404, $"prediction not found: {id}"));
            return;
        }

        await call.RespondAsync(200, WaveSpeedDialect.Envelope(WaveSpeedBodies.Prediction(job, queue.Snapshot(job))));
    }

    public async Task SecretAsync(HttpContext http)
    {
        var call = new ProviderCall(http, SimulatorProvider.WaveSpeed, SimulatorOperation.Secret, control.Log);
        if (await gate.AdmitAsync(call, WaveSpeedDialect.Instance) is null)
        {
            return;
        }

        // UNCONFIRMED: the secret's field name inside data
        await call.RespondAsync(200, WaveSpeedDialect.Envelope(new JsonObject { ["secret"] = control.WaveSpeedWebhookSecret }));
    }
}
