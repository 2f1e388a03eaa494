namespace Natak.Simulator;

/// <summary>fal's URL rule: submit uses the full model id, status/result/cancel only <c>owner/app</c>.</summary>
internal static class FalIds
{
    public static string OwnerApp(string modelId)
    {
        var parts = modelId.Split('/');
        return parts.Length >= 2 ? parts[0] + "/" + parts[1] : modelId;
    }

    public static string RequestBase(string baseUrl, string modelId, string requestId) =>
        $"{baseUrl}/fal/queue/{OwnerApp(modelId)}/requests/{requestId}";
}
