namespace Natak.Assets;

/// <summary>
/// Settings of the object store: Cloudflare R2 in Azure, s3rver locally. Bound from the <c>R2</c> section;
/// the environment names <c>R2_ACCOUNT_ID</c>, <c>R2_ACCESS_KEY_ID</c>, <c>R2_SECRET_ACCESS_KEY</c>,
/// <c>R2_BUCKET</c> and <c>R2_ENDPOINT</c> override the matching properties. Validated at start-up.
/// </summary>
public sealed class R2Options
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "R2";

    /// <summary>R2's minimum size of a non-trailing multipart part (5 MiB).</summary>
    public const long MinPartSizeBytes = 5L * 1024 * 1024;

    /// <summary>Largest part size accepted here: one part is buffered in memory per upload in flight.</summary>
    public const long MaxPartSizeBytes = 512L * 1024 * 1024;

    /// <summary>Cloudflare account id; the endpoint is <c>https://{AccountId}.r2.cloudflarestorage.com</c> unless <see cref="ServiceUrl"/> is set.</summary>
    public string? AccountId { get; set; }

    /// <summary>R2 API token access key id (<c>R2_ACCESS_KEY_ID</c>).</summary>
    public string AccessKeyId { get; set; } = "";

    /// <summary>R2 API token secret (<c>R2_SECRET_ACCESS_KEY</c>). Never logged.</summary>
    public string SecretAccessKey { get; set; } = "";

    /// <summary>The bucket holding every asset (<c>R2_BUCKET</c>).</summary>
    public string Bucket { get; set; } = "";

    /// <summary>Endpoint override (<c>R2_ENDPOINT</c>), e.g. <c>http://127.0.0.1:4569</c> for s3rver.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Lifetime of presigned GET URLs when the caller gives none (1 s – 7 days).</summary>
    public TimeSpan PresignedGetTtl { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// Presigned GET URLs handed out without an explicit lifetime are signed at the start of a window of this
    /// length and live <see cref="PresignedGetTtl"/> past its end, so re-reading a job or character returns the
    /// same URLs until the window turns (cacheable by browsers; a job's ETag stays put). Whole seconds, at least 1 s;
    /// with the TTL at most 7 days.
    /// </summary>
    public TimeSpan PresignedGetWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Lifetime of presigned PUT URLs when the caller gives none (1 s – 7 days).</summary>
    public TimeSpan PresignedPutTtl { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Largest object a client may put through a presigned PUT URL.</summary>
    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Default cap of a copy from a URL (a provider's video or LoRA file, a user's image).</summary>
    public long MaxCopyBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>
    /// Size of every non-trailing multipart part, and the single-PUT threshold: an object that fits in one part
    /// is sent with one PUT. R2 needs non-trailing parts of exactly equal size of at least 5 MiB; one part is
    /// buffered in memory per upload in flight, so at most 512 MiB here.
    /// </summary>
    public long PartSizeBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Keys per list page and per batch delete (1–1000).</summary>
    public int ListPageSize { get; set; } = 1000;

    /// <summary>The endpoint the S3 client talks to and that presigned URLs point at.</summary>
    internal Uri Endpoint => string.IsNullOrWhiteSpace(ServiceUrl)
        ? new Uri($"https://{AccountId}.r2.cloudflarestorage.com")
        : new Uri(ServiceUrl);
}
