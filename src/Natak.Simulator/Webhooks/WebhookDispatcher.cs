using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>
/// Sends a completed job's webhook, signed as its provider signs, to the exact URL given at submit. A target that
/// does not answer 2xx is retried with exponential backoff; every attempt is recorded in the call log.
/// </summary>
internal sealed class WebhookDispatcher(SimulatorControl control, SimulatorHttp http, FalSigningKey falKey, BackgroundWork background, TimeProvider time)
{
    private static readonly TimeSpan DefaultWebhookDelay = TimeSpan.FromSeconds(2);

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

    private async Task DeliverAsync(SimJob job, string target, byte[] body, CancellationToken stopping)
    {
        var fault = control.Faults.Take(job.Provider, job.Model.Id, SimulatorOperation.Webhook, FaultKinds.IsWebhook);
        var note = fault is null ? null : $"{fault.Id}: {ProviderGate.JsonName(fault.Kind)}";
        switch (fault?.Kind)
        {
            case FaultKind.DropWebhook:
                Record(job, target, attempt: 0, statusCode: 0, note);
                return;
            case FaultKind.DelayWebhook:
                await Task.Delay(fault.Delay ?? DefaultWebhookDelay, time, stopping);
                break;
        }

        var copies = fault?.Kind == FaultKind.DuplicateWebhook ? 2 : 1;
        for (var copy = 0; copy < copies; copy++)
        {
            await DeliverWithRetriesAsync(job, target, body, note, stopping);
        }
    }

    private async Task DeliverWithRetriesAsync(SimJob job, string target, byte[] body, string? note, CancellationToken stopping)
    {
        var attempts = control.WebhookMaxAttempts;
        var backoff = control.WebhookInitialBackoff;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var status = await PostAsync(job, target, body, stopping);
            Record(job, target, attempt, status, note);
            if (status is >= 200 and < 300)
            {
                return;
            }

            if (attempt < attempts)
            {
                await Task.Delay(backoff * Math.Pow(2, attempt - 1), time, stopping);
            }
        }
    }

    private async Task<int> PostAsync(SimJob job, string target, byte[] body, CancellationToken stopping)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var headers = job.Provider == SimulatorProvider.Fal
            ? falKey.SignatureHeaders(job.Id, job.AccountId, timestamp, body)
            : WaveSpeedSigner.SignatureHeaders(control.WaveSpeedWebhookSecret, job.Id, timestamp, body);

        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(control.Options.WebhookTimeout);
        try
        {
            using var response = await http.Client.SendAsync(request, timeout.Token);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return 0;
        }
    }

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
