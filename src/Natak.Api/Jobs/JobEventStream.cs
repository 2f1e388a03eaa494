using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Natak.Api.Http;
using Microsoft.Extensions.Options;
using Natak.Assets;
using Natak.Core.Jobs;
using Natak.Tables.Jobs;

namespace Natak.Api.Jobs;

/// <summary>
/// Writes a job's changes as Server-Sent Events: one event per change after the client's position (<c>id:</c> the
/// change's event id, <c>data:</c> the job as <c>GET /api/jobs/{jobId}</c> shows it after that change), a comment
/// heartbeat when nothing changes, and the end of the stream after the terminal change or at the request cap.
/// Changes are found by reading the job's history from the table; a change this process wrote wakes the stream at
/// once (<see cref="JobChangeSignal"/>), any other is found at the next poll.
/// </summary>
internal sealed class JobEventStream(JobIndex index, JobChangeSignal changes, JobAdmission admission, IAssetStore assets, IOptions<JobStreamOptions> settings, TimeProvider time)
{
    private readonly JobStreamOptions _options = settings.Value;

    public const string ContentType = "text/event-stream";

    private static readonly byte[] Heartbeat = ": keep-alive\n\n"u8.ToArray();

    /// <summary>Streams until the job ended (true) or the cap or the client cut it short (false).</summary>
    public async Task<bool> WriteAsync(HttpContext http, string userId, string jobId, string? afterEventId)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache, no-store";
        // Reverse proxies (nginx and the like) must pass events through as they come.
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(http.RequestAborted);

        var started = time.GetTimestamp();
        var lastWrite = started;
        var position = afterEventId;
        using var capped = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        capped.CancelAfter(_options.MaxDuration);
        try
        {
            while (!capped.IsCancellationRequested)
            {
                using var next = changes.Subscribe(jobId);
                var history = await index.ReadHistoryAsync(userId, jobId, position, capped.Token);
                foreach (var (eventId, job) in history)
                {
                    int? ahead = JobsHandlers.WaitsForSlot(job) ? await admission.AheadOfAsync(job.QueueTicket!.Value, capped.Token) : null;
                    var view = await ResultUrls.PresignViewAsync(JobViews.Compose(job, ahead), assets, capped.Token);
                    await WriteEventAsync(response, eventId, view, capped.Token);
                    position = eventId;
                    lastWrite = time.GetTimestamp();
                    if (job.Status.IsTerminal())
                    {
                        return true;
                    }
                }

                var quiet = time.GetElapsedTime(lastWrite);
                if (quiet >= _options.HeartbeatInterval)
                {
                    await response.Body.WriteAsync(Heartbeat, capped.Token);
                    await response.Body.FlushAsync(capped.Token);
                    lastWrite = time.GetTimestamp();
                    quiet = TimeSpan.Zero;
                }

                var wait = TimeSpan.FromTicks(Math.Clamp((_options.HeartbeatInterval - quiet).Ticks, 0, _options.PollInterval.Ticks));
                await Task.WhenAny(next.Changed, Task.Delay(wait, time, capped.Token));
            }
        }
        catch (OperationCanceledException) when (capped.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            // The cap: the client reconnects with Last-Event-ID and misses nothing.
        }

        return false;
    }

    private static async Task WriteEventAsync(HttpResponse response, string eventId, JobView view, CancellationToken cancellationToken)
    {
        // JSON never holds a raw line break, so the view is one data line.
        var text = new StringBuilder("id: ").Append(eventId).Append("\ndata: ")
            .Append(JsonSerializer.Serialize(view, NatakJson.Options)).Append("\n\n");
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
