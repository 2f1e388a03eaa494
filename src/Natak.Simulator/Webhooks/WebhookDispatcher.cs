using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>
/// Sends a completed job's webhook, signed as its provider signs, to the exact URL given at submit. A target that
/// does not answer 2xx is retried with exponential backoff; every attempt is recorded in the call log.
/// </summary>
internal sealed class WebhookDispatcher(SimulatorControl control, WebhookPoster poster, FalSigningKey falKey, BackgroundWork background)
{
    /// <summary>Called once when a job completes; does nothing for jobs without a webhook.</summary>
    public void JobCompleted(SimJob job)
    {
        if (job.WebhookUrl is not { } target)
        {
            return;
        }

        var body = WireJson.Bytes(Payload(job));
        background.Run(stopping => DeliverAsync(job, target, body, stopping));
    }

    private JsonObject Payload(SimJob job)
    {
        var outcome = job.Outcome!;
        if (job.Provider == SimulatorProvider.WaveSpeed)
        {
            return WaveSpeedBodies.WebhookPayload(job, new JobSnapshot(JobState.Completed, 0, [], outcome, job.StartedAt, job.CompletedAt));
        }

        var result = FalBodies.Result(outcome);
        var payload = new JsonObject
        {
            ["request_id"] = job.Id,
            ["gateway_request_id"] = job.Id,
            ["status"] = outcome.Succeeded ? "OK" : "ERROR",
            ["payload"] = result.Body,
        };
        if (!outcome.Succeeded)
        {
            payload["error"] = $"Invalid status code: {result.Status}";
            payload["payload_error"] = null;
        }

        return payload;
    }

    private Task DeliverAsync(SimJob job, string target, byte[] body, CancellationToken stopping) =>
        poster.DeliverAsync(
            job.Provider,
            job.Model.Id,
            target,
            body,
            timestamp => job.Provider == SimulatorProvider.Fal
                ? falKey.SignatureHeaders(job.Id, job.AccountId, timestamp, body)
                : WaveSpeedSigner.SignatureHeaders(control.WaveSpeedWebhookSecret, job.Id, timestamp, body),
            (attempt, status, note) => Record(job, target, attempt, status, note),
            stopping);

    private void Record(SimJob job, string target, int attempt, int statusCode, string? note) => control.Log.Record(new SimulatorCall
    {
        Seq = 0,
        At = default,
        Provider = job.Provider,
        Operation = SimulatorOperation.Webhook,
        Model = job.Model.Id,
        RequestId = job.Id,
        Method = "POST",
        Path = target,
        StatusCode = statusCode,
        Attempt = attempt,
        Target = target,
        Note = note,
    });
}
