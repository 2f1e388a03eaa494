using System.Text.Json.Nodes;
using Natak.Assets;
using Natak.Core.Jobs;
using Natak.Orchestrations.Pipelines;

namespace Natak.Api.Jobs;

/// <summary>
/// Job results keep asset keys; every read turns each <c>{"assetKey": …}</c> into a fresh presigned GET <c>url</c>
/// (so a result never holds an expired link, and keys never leak).
/// </summary>
public static class ResultUrls
{
    /// <summary>The job view with its result's asset keys presigned, as every job read answers it.</summary>
    public static async Task<JobView> PresignViewAsync(JobView view, IAssetStore assets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.Result is null ? view : view with { Result = await PresignAsync(view.Result, assets, cancellationToken) };
    }

    public static async Task<JsonObject?> PresignAsync(JsonObject? result, IAssetStore assets, CancellationToken cancellationToken)
    {
        if (result is null)
        {
            return null;
        }

        var copy = (JsonObject)result.DeepClone();
        await VisitAsync(copy, assets, cancellationToken);
        return copy;
    }

    private static async Task VisitAsync(JsonNode? node, IAssetStore assets, CancellationToken cancellationToken)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj[PipelineResults.AssetKey]?.GetValue<string>() is { } key)
                {
                    obj.Remove(PipelineResults.AssetKey);
                    obj["url"] = (await assets.GetDownloadUrlAsync(key, cancellationToken: cancellationToken)).Url.ToString();
                }

                foreach (var child in obj.Select(p => p.Value).ToList())
                {
                    await VisitAsync(child, assets, cancellationToken);
                }

                break;
            case JsonArray array:
                foreach (var child in array.ToList())
                {
                    await VisitAsync(child, assets, cancellationToken);
                }

                break;
        }
    }
}
