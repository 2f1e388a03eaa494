using System.Net.Http.Headers;

namespace Natak.Simulator;

/// <summary>
/// Delivers one webhook body to its target the way providers do: POST as JSON, headers (signatures) made afresh
/// for each attempt's timestamp, and retried with exponential backoff (<see cref="SimulatorControl.WebhookMaxAttempts"/>,
/// <see cref="SimulatorControl.WebhookInitialBackoff"/>) until the target answers 2xx — after the webhook fault
/// rules for the provider (and model) had their say: drop, delay or duplicate the delivery.
/// </summary>
internal sealed class WebhookPoster(SimulatorControl control, SimulatorHttp http, TimeProvider time)
{
    private static readonly TimeSpan DefaultWebhookDelay = TimeSpan.FromSeconds(2);

    /// <summary>
    /// <paramref name="attempted"/> is told each attempt's number (0 for a dropped delivery), the status received
    /// (0: no answer) and the fault rule applied, if any.
    /// </summary>
    public async Task DeliverAsync(
        SimulatorProvider provider,
        string? model,
        string target,
        byte[] body,
        Func<long, IReadOnlyDictionary<string, string>> headers,
        Action<int, int, string?> attempted,
        CancellationToken stopping)
    {
        var fault = control.Faults.Take(provider, model, SimulatorOperation.Webhook, FaultKinds.IsWebhook);
        var note = fault is null ? null : $"{fault.Id}: {ProviderGate.JsonName(fault.Kind)}";
        switch (fault?.Kind)
        {
            case FaultKind.DropWebhook:
                attempted(0, 0, note);
                return;
            case FaultKind.DelayWebhook:
                await Task.Delay(fault.Delay ?? DefaultWebhookDelay, time, stopping);
                break;
        }

        var copies = fault?.Kind == FaultKind.DuplicateWebhook ? 2 : 1;
        for (var copy = 0; copy < copies; copy++)
        {
            await DeliverWithRetriesAsync(target, body, headers, (attempt, status) => attempted(attempt, status, note), stopping);
        }
    }

    private async Task DeliverWithRetriesAsync(
        string target,
        byte[] body,
        Func<long, IReadOnlyDictionary<string, string>> headers,
        Action<int, int> attempted,
        CancellationToken stopping)
    {
        var attempts = control.WebhookMaxAttempts;
        var backoff = control.WebhookInitialBackoff;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var status = await PostAsync(target, body, headers(time.GetUtcNow().ToUnixTimeSeconds()), stopping);
            attempted(attempt, status);
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

    private async Task<int> PostAsync(string target, byte[] body, IReadOnlyDictionary<string, string> headers, CancellationToken stopping)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
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
}
