using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Natak.Assets;

/// <summary>The <see cref="IAssetStore"/> over AWSSDK.S3 v4, configured for Cloudflare R2 (and s3rver).</summary>
internal sealed class AssetStore : IAssetStore, IDisposable
{
    private const int MaxParts = 10_000;
    private static readonly TimeSpan MaxPresignLifetime = TimeSpan.FromDays(7);

    private readonly AmazonS3Client _s3;
    private readonly R2Options _options;
    private readonly SafeHttpFetcher _fetcher;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly StorageMetrics _metrics;
    private readonly Uri _endpoint;
    private readonly bool _https;
    private readonly QueryStringSigner _getSigner;

    public AssetStore(IOptions<R2Options> options, SafeHttpFetcher fetcher, StorageMetrics metrics, ILogger<AssetStore> logger, TimeProvider time)
    {
        _options = options.Value;
        _fetcher = fetcher;
        _metrics = metrics;
        _logger = logger;
        _time = time;
        _endpoint = _options.Endpoint;
        _https = _endpoint.Scheme == Uri.UriSchemeHttps;
        _s3 = new AmazonS3Client(new BasicAWSCredentials(_options.AccessKeyId, _options.SecretAccessKey), CreateConfig(_endpoint));
        _getSigner = new QueryStringSigner(_endpoint, _options.Bucket, _options.AccessKeyId, _options.SecretAccessKey);
    }

    /// <summary>The client settings R2 needs (provider-apis.md §5): path style, region "auto", checksums only when required.</summary>
    internal static AmazonS3Config CreateConfig(Uri endpoint) => new()
    {
        ServiceURL = endpoint.GetLeftPart(UriPartial.Authority),
        ForcePathStyle = true,
        AuthenticationRegion = "auto",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    };

    public Task<StoredAsset> PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        return PutTracedAsync(key, content, contentType, cancellationToken);
    }

    private async Task<StoredAsset> PutTracedAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        using var span = StorageMetrics.Start("put", key);
        return (await UploadAsync(key, content, contentType, prefixBytes: 0, cancellationToken).ConfigureAwait(false)).Stored;
    }

    public async Task<StoredAsset> CopyFromUrlAsync(Uri source, string key, IReadOnlySet<string> allowedContentTypes, long? maxBytes = null, CancellationToken cancellationToken = default) =>
        (await CopyAsync(source, key, allowedContentTypes, maxBytes, prefixBytes: 0, cancellationToken).ConfigureAwait(false)).Stored;

    public Task<CopiedAsset> CopyFromUrlWithPrefixAsync(Uri source, string key, IReadOnlySet<string> allowedContentTypes, int prefixBytes, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(prefixBytes);
        return CopyAsync(source, key, allowedContentTypes, maxBytes: null, prefixBytes, cancellationToken);
    }

    private async Task<CopiedAsset> CopyAsync(Uri source, string key, IReadOnlySet<string> allowedContentTypes, long? maxBytes, int prefixBytes, CancellationToken cancellationToken)
    {
        CheckKey(key);
        var limits = new FetchLimits(allowedContentTypes, maxBytes ?? _options.MaxCopyBytes);
        using var span = StorageMetrics.Start("copy", key);
        var fetched = await _fetcher.FetchAsync(source, limits, cancellationToken).ConfigureAwait(false);
        await using (fetched.ConfigureAwait(false))
        {
            return await UploadAsync(key, fetched.Content, fetched.ContentType, prefixBytes, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<AssetDownload?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        using var span = StorageMetrics.Start("get", key);
        try
        {
            var response = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = _options.Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            return new AssetDownload(response.ResponseStream, response);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<AssetInfo?> HeadAsync(string key, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        using var span = StorageMetrics.Start("head", key);
        try
        {
            var response = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _options.Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            return new AssetInfo(key, response.ContentLength, response.Headers.ContentType, ToOffset(response.LastModified));
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<AssetInfo?> VerifyAsync(string key, FetchLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        using var span = StorageMetrics.Start("verify", key);
        var info = await HeadAsync(key, cancellationToken).ConfigureAwait(false);
        if (info is null)
        {
            return null;
        }

        if (info.Size > limits.MaxBytes)
        {
            throw SafeFetchException.TooLarge(limits.MaxBytes);
        }

        string? sniffed = null;
        if (info.Size > 0)
        {
            var request = new GetObjectRequest
            {
                BucketName = _options.Bucket,
                Key = key,
                ByteRange = new ByteRange(0, Math.Min(info.Size, ContentSniffer.PrefixLength) - 1),
            };
            using var response = await _s3.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
            var prefix = new byte[ContentSniffer.PrefixLength];
            var read = await response.ResponseStream.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            sniffed = ContentSniffer.Detect(prefix.AsSpan(0, read));
        }

        return info with { ContentType = ContentSniffer.Require(sniffed, info.ContentType, limits) };
    }

    public Task<PresignedUrl> GetDownloadUrlAsync(string key, TimeSpan? lifetime = null, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        var now = _time.GetUtcNow();
        DateTimeOffset signedAt;
        TimeSpan life;
        if (lifetime is { } requested)
        {
            CheckLifetime(requested);
            signedAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
            life = requested;
        }
        else
        {
            // Signed at the start of the current window and valid for the TTL past its end: every read within
            // the window hands out the same URL, and each one still has at least the TTL to live.
            var window = _options.PresignedGetWindow;
            signedAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % window.Ticks), TimeSpan.Zero);
            life = _options.PresignedGetTtl + window;
        }

        return Task.FromResult(new PresignedUrl(_getSigner.PresignGet(key, signedAt, life), signedAt + life));
    }

    public Task<PresignedUrl> GetUploadUrlAsync(string key, string contentType, TimeSpan? lifetime = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        return PresignAsync(key, HttpVerb.PUT, contentType, lifetime ?? _options.PresignedPutTtl);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        using var span = StorageMetrics.Start("delete", key);
        await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _options.Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        CheckPrefix(prefix);
        using var span = StorageMetrics.Start("delete-prefix", prefix);
        var deleted = 0;
        string? marker = null;
        do
        {
            var page = await ListPageAsync(prefix, marker, cancellationToken).ConfigureAwait(false);
            var objects = page.S3Objects ?? [];
            if (objects.Count > 0)
            {
                var request = new DeleteObjectsRequest
                {
                    BucketName = _options.Bucket,
                    Objects = objects.ConvertAll(o => new KeyVersion { Key = o.Key }),
                    Quiet = true,
                };
                var response = await _s3.DeleteObjectsAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.DeleteErrors is { Count: > 0 } errors)
                {
                    throw new IOException($"{errors.Count} of {objects.Count} objects under '{prefix}' could not be deleted (first error: {errors[0].Code}).");
                }

                deleted += objects.Count;
            }

            marker = NextMarker(page);
        }
        while (marker is not null);

        Logs.DeletedPrefix(_logger, deleted, prefix);
        return deleted;
    }

    public async IAsyncEnumerable<AssetInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        CheckPrefix(prefix);
        string? marker = null;
        do
        {
            var page = await ListPageAsync(prefix, marker, cancellationToken).ConfigureAwait(false);
            foreach (var o in page.S3Objects ?? [])
            {
                yield return new AssetInfo(o.Key, o.Size ?? 0, null, ToOffset(o.LastModified));
            }

            marker = NextMarker(page);
        }
        while (marker is not null);
    }

    public bool TryGetOwnKey(Uri url, [NotNullWhen(true)] out string? key)
    {
        key = null;
        if (url is not { IsAbsoluteUri: true }
            || url.Scheme != _endpoint.Scheme
            || url.Port != _endpoint.Port
            || !string.Equals(url.IdnHost, _endpoint.IdnHost, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var bucketPath = $"/{_options.Bucket}/";
        var path = url.AbsolutePath;
        if (!path.StartsWith(bucketPath, StringComparison.Ordinal))
        {
            return false;
        }

        var candidate = Uri.UnescapeDataString(path[bucketPath.Length..]);
        if (!AssetKeys.IsValidKey(candidate))
        {
            return false;
        }

        key = candidate;
        return true;
    }

    public void Dispose() => _s3.Dispose();

    /// <summary>Uploads the stream (one PUT, or multipart past one part); the first <paramref name="prefixBytes"/> bytes come back too.</summary>
    private async Task<CopiedAsset> UploadAsync(string key, Stream source, string contentType, int prefixBytes, CancellationToken cancellationToken)
    {
        var partSize = (int)_options.PartSizeBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(partSize);
        try
        {
            var filled = await FillAsync(source, buffer, partSize, cancellationToken).ConfigureAwait(false);
            var prefix = buffer.AsSpan(0, Math.Min(filled, prefixBytes)).ToArray();
            if (filled < partSize)
            {
                var request = new PutObjectRequest
                {
                    BucketName = _options.Bucket,
                    Key = key,
                    ContentType = contentType,
                    InputStream = new MemoryStream(buffer, 0, filled, writable: false),
                    AutoCloseStream = true,
                    // R2 and s3rver do not understand aws-chunked bodies (provider-apis.md §5).
                    UseChunkEncoding = false,
                    DisablePayloadSigning = _https ? true : null,
                    DisableDefaultChecksumValidation = true,
                };
                await _s3.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
                _metrics.PartSent(multipart: false);
                _metrics.Stored(filled);
                return new CopiedAsset(new StoredAsset(key, contentType, filled), prefix);
            }

            var size = await UploadPartsAsync(key, source, contentType, buffer, partSize, cancellationToken).ConfigureAwait(false);
            _metrics.Stored(size);
            return new CopiedAsset(new StoredAsset(key, contentType, size), prefix);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Multipart upload of a stream whose first full part is already in <paramref name="buffer"/>.</summary>
    private async Task<long> UploadPartsAsync(string key, Stream source, string contentType, byte[] buffer, int partSize, CancellationToken cancellationToken)
    {
        var initiate = new InitiateMultipartUploadRequest { BucketName = _options.Bucket, Key = key, ContentType = contentType };
        var uploadId = (await _s3.InitiateMultipartUploadAsync(initiate, cancellationToken).ConfigureAwait(false)).UploadId;
        try
        {
            var parts = new List<PartETag>();
            long size = 0;
            var filled = partSize;
            for (var partNumber = 1; filled > 0; partNumber++)
            {
                if (partNumber > MaxParts)
                {
                    throw new InvalidOperationException($"The object needs more than {MaxParts} parts of {partSize} bytes.");
                }

                var request = new UploadPartRequest
                {
                    BucketName = _options.Bucket,
                    Key = key,
                    UploadId = uploadId,
                    PartNumber = partNumber,
                    PartSize = filled,
                    InputStream = new MemoryStream(buffer, 0, filled, writable: false),
                    UseChunkEncoding = false,
                    DisablePayloadSigning = _https ? true : null,
                    DisableDefaultChecksumValidation = true,
                };
                var response = await _s3.UploadPartAsync(request, cancellationToken).ConfigureAwait(false);
                parts.Add(new PartETag(partNumber, response.ETag));
                _metrics.PartSent(multipart: true);
                size += filled;

                // Every part but the last is exactly partSize: R2 rejects unequal non-trailing parts.
                filled = filled < partSize ? 0 : await FillAsync(source, buffer, partSize, cancellationToken).ConfigureAwait(false);
            }

            var complete = new CompleteMultipartUploadRequest { BucketName = _options.Bucket, Key = key, UploadId = uploadId, PartETags = parts };
            await _s3.CompleteMultipartUploadAsync(complete, cancellationToken).ConfigureAwait(false);
            return size;
        }
        catch
        {
            _metrics.Aborted();
            await AbortAsync(key, uploadId).ConfigureAwait(false);
            throw;
        }
    }

    private async Task AbortAsync(string key, string uploadId)
    {
        try
        {
            // Not the caller's token: a cancelled upload must still release its parts.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var request = new AbortMultipartUploadRequest { BucketName = _options.Bucket, Key = key, UploadId = uploadId };
            await _s3.AbortMultipartUploadAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AmazonServiceException or OperationCanceledException or HttpRequestException)
        {
            Logs.AbortFailed(_logger, key, ex);
        }
    }

    private static async Task<int> FillAsync(Stream source, byte[] buffer, int count, CancellationToken cancellationToken) =>
        await source.ReadAtLeastAsync(buffer.AsMemory(0, count), count, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);

    // ListObjects (v1) paged by marker rather than ListObjectsV2: s3rver 3.7 builds v2 continuation tokens with
    // DES, which Node 20's OpenSSL 3 no longer has, so every truncated v2 page fails there. R2 implements both.
    private Task<ListObjectsResponse> ListPageAsync(string prefix, string? marker, CancellationToken cancellationToken) =>
        _s3.ListObjectsAsync(
            new ListObjectsRequest
            {
                BucketName = _options.Bucket,
                Prefix = prefix,
                MaxKeys = _options.ListPageSize,
                Marker = marker,
            },
            cancellationToken);

    /// <summary>The key to list after, or null on the last page (without a delimiter there is no NextMarker: the last key is it).</summary>
    private static string? NextMarker(ListObjectsResponse page) =>
        page.IsTruncated == true && page.S3Objects is { Count: > 0 } objects ? objects[^1].Key : null;

    private async Task<PresignedUrl> PresignAsync(string key, HttpVerb verb, string? contentType, TimeSpan lifetime)
    {
        CheckKey(key);
        CheckLifetime(lifetime);
        var request = new GetPreSignedUrlRequest
        {
            BucketName = _options.Bucket,
            Key = key,
            Verb = verb,
            Protocol = _https ? Protocol.HTTPS : Protocol.HTTP,
            ContentType = contentType,
        };

        // The SDK signs X-Amz-Expires as "Expires minus its clock-skew-corrected now for this endpoint", rounded:
        // measured from any other clock, a 7-day lifetime can round to 604 801 s and be refused.
        var endpoint = _s3.Config.DetermineServiceOperationEndpoint(new ServiceOperationEndpointParameters(request));
        request.Expires = CorrectClockSkew.GetCorrectedUtcNowForEndpoint(endpoint.URL) + lifetime;
        var expiresAt = _time.GetUtcNow() + lifetime;
        var url = await _s3.GetPreSignedURLAsync(request).ConfigureAwait(false);
        return new PresignedUrl(new Uri(url), expiresAt);
    }

    private static DateTimeOffset? ToOffset(DateTime? value) =>
        value is { } v ? new DateTimeOffset(v.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : v.ToUniversalTime()) : null;

    private static void CheckLifetime(TimeSpan lifetime)
    {
        if (lifetime < TimeSpan.FromSeconds(1) || lifetime > MaxPresignLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "A presigned URL lives between 1 second and 7 days.");
        }
    }

    private static void CheckKey(string key)
    {
        if (!AssetKeys.IsValidKey(key))
        {
            throw new ArgumentException("Not a valid object key.", nameof(key));
        }
    }

    private static void CheckPrefix(string prefix)
    {
        if (!AssetKeys.IsValidPrefix(prefix))
        {
            throw new ArgumentException("A prefix must be a valid key ending with '/'.", nameof(prefix));
        }
    }
}
