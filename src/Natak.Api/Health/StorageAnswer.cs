namespace Natak.Api.Health;

/// <summary>How the storage probes ask a service whether it answers: read the first item of a listing (none is fine).</summary>
internal static class StorageAnswer
{
    public static async Task<ProbeResult> FirstItemAsync<T>(IAsyncEnumerable<T> listing)
    {
        await foreach (var _ in listing)
        {
            break;
        }

        return ProbeResult.Ok();
    }
}
