using System.Diagnostics.CodeAnalysis;

namespace Natak.Assets;

/// <summary>
/// The asset store: one R2 bucket (s3rver locally) laid out by <see cref="AssetKeys"/>. Keys must satisfy
/// <see cref="AssetKeys.IsValidKey"/> (else <see cref="ArgumentException"/>). Object-store failures surface as
/// the SDK's exceptions; download problems as <see cref="SafeFetchException"/>.
/// </summary>
public interface IAssetStore
{
    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="key"/>, streaming: one PUT when it fits in one part,
    /// else a multipart upload with equal-sized parts, aborted if anything fails. The caller vouches for the type.
    /// </summary>
    Task<StoredAsset> PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams the content at <paramref name="source"/> into <paramref name="key"/> through <see cref="SafeHttpFetcher"/>:
    /// SSRF rules, content type proven by the bytes and one of <paramref name="allowedContentTypes"/>, at most
    /// <paramref name="maxBytes"/> (default <see cref="R2Options.MaxCopyBytes"/>). Past the cap the upload is
    /// aborted and nothing is stored. Never buffers more than one part.
    /// </summary>
    /// <exception cref="SafeFetchException">The download was refused or failed; nothing was stored.</exception>
    Task<StoredAsset> CopyFromUrlAsync(Uri source, string key, IReadOnlySet<string> allowedContentTypes, long? maxBytes = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="CopyFromUrlAsync"/>, and hands back the object's first <paramref name="prefixBytes"/> bytes (or all
    /// of a smaller one) as they passed through, so a caller can read the file's header without reading it back.
    /// </summary>
    Task<CopiedAsset> CopyFromUrlWithPrefixAsync(Uri source, string key, IReadOnlySet<string> allowedContentTypes, int prefixBytes, CancellationToken cancellationToken = default);

    /// <summary>Opens the object for reading; null when it does not exist.</summary>
    Task<AssetDownload?> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Size, content type and time of the object; null when it does not exist.</summary>
    Task<AssetInfo?> HeadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks an object a client put itself (through a presigned PUT) before Natak uses it: at most
    /// <see cref="FetchLimits.MaxBytes"/>, and its first bytes show one of the allowed types compatible with the
    /// stored type. Returns its info with the sniffed content type; null when it does not exist.
    /// </summary>
    /// <exception cref="SafeFetchException"><see cref="SafeFetchErrorCodes.TooLarge"/> or <see cref="SafeFetchErrorCodes.UnsupportedContentType"/>.</exception>
    Task<AssetInfo?> VerifyAsync(string key, FetchLimits limits, CancellationToken cancellationToken = default);

    /// <summary>A presigned GET URL (default lifetime <see cref="R2Options.PresignedGetTtl"/>; 1 s – 7 days).</summary>
    Task<PresignedUrl> GetDownloadUrlAsync(string key, TimeSpan? lifetime = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// A presigned PUT URL bound to <paramref name="contentType"/> (the client must send exactly that
    /// Content-Type). Default lifetime <see cref="R2Options.PresignedPutTtl"/>; 1 s – 7 days. The size a client
    /// declares is the caller's to check against <see cref="R2Options.MaxUploadBytes"/>; <see cref="VerifyAsync"/>
    /// checks what actually arrived.
    /// </summary>
    Task<PresignedUrl> GetUploadUrlAsync(string key, string contentType, TimeSpan? lifetime = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes one object; deleting a missing one is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes every object whose key starts with <paramref name="prefix"/> (which must end with <c>/</c>, e.g.
    /// <see cref="AssetKeys.CharacterPrefix"/>), a page of list + one batch delete at a time. Returns the count deleted.
    /// </summary>
    Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Every object under <paramref name="prefix"/> (which must end with <c>/</c>), in key order, paged lazily.</summary>
    IAsyncEnumerable<AssetInfo> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>
    /// Recognises a URL into this store's bucket (such as a presigned GET handed out by <c>POST /api/uploads</c>)
    /// and extracts its key, so the object can be read directly. This proves nothing about ownership: check
    /// <see cref="AssetKeys.BelongsToUser"/> before using the key on a caller's behalf.
    /// </summary>
    bool TryGetOwnKey(Uri url, [NotNullWhen(true)] out string? key);
}
