using System.Globalization;
using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>WaveSpeed's prediction object, as <c>data</c> of the envelope and as the webhook payload (provider-apis.md §3).</summary>
internal static class WaveSpeedBodies
{
    /// <summary>The prediction as the submit and result endpoints return it inside <c>data</c>.</summary>
    public static JsonObject Prediction(SimJob job, JobSnapshot snapshot)
    {
        var outcome = snapshot.Outcome;
        var outputs = outcome?.Succeeded == true ? outcome.Files.Select(f => (JsonNode?)f.Url).ToArray() : [];
        var data = new JsonObject
        {
            ["id"] = job.Id,
            ["model"] = job.Model.Id,
            ["outputs"] = new JsonArray(outputs),
            ["urls"] = new JsonObject { ["get"] = ResultUrl(job) },
            ["has_nsfw_contents"] = new JsonArray([.. outputs.Select(_ => (JsonNode?)false)]),
            ["status"] = Status(snapshot),
            ["created_at"] = job.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["error"] = outcome is { Succeeded: false } ? outcome.Message : "",
            ["timings"] = new JsonObject { ["inference"] = outcome?.Succeeded == true ? (long)outcome.Inference.TotalMilliseconds : 0 },
        };
        return data;
    }

    /// <summary>The webhook payload: the prediction, not wrapped in <c>data</c>, with the input.</summary>
    public static JsonObject WebhookPayload(SimJob job, JobSnapshot snapshot)
    {
        var payload = Prediction(job, snapshot);
        payload["input"] = job.Input.DeepClone();
        return payload;
    }

    public static string ResultUrl(SimJob job) => $"{job.BaseUrl}/wavespeed/api/v3/predictions/{job.Id}/result";

    private static string Status(JobSnapshot snapshot) => snapshot.State switch
    {
        JobState.Queued => "created",
        JobState.InProgress => "processing",
        _ => snapshot.Outcome!.Succeeded ? "completed" : "failed",
    };
}
