namespace Natak.Api.Http;

public static class ApiLimits
{
    /// <summary>JSON bodies of the API are small (URLs and parameters, never media bytes): 64 KiB is generous.</summary>
    public const long DefaultMaxBodyBytes = 64 * 1024;

    /// <summary>Provider webhooks may carry a model's whole output JSON.</summary>
    public const long WebhookMaxBodyBytes = 1024 * 1024;

    public const int MaxIdempotencyKeyLength = 128;

    /// <summary>The page size of every paged route (jobs, journal) when the request names no <c>limit</c>.</summary>
    public const int DefaultPageSize = 20;

    /// <summary>The largest <c>limit</c> a paged route accepts.</summary>
    public const int MaxPageSize = 100;
}
