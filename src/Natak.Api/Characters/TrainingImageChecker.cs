using System.Globalization;
using Microsoft.Extensions.Options;
using Natak.Assets;
using Natak.Core.Requests;
using Natak.Orchestrations.Pipelines.Activities;

namespace Natak.Api.Characters;

/// <summary>
/// Checks a character's photos before a job is started, so a bad one is a 400 naming it (<c>imageUrls[2]</c>)
/// rather than a failed job. The caller's own uploads are checked in R2 (<see cref="IAssetStore.VerifyAsync"/>: size
/// and the type the first bytes show); someone else's upload answers exactly like a missing one. Any other URL is
/// opened through <see cref="SafeHttpFetcher"/> (SSRF rules, declared size, declared type and first bytes) and
/// closed without reading the rest. A server that sends no length is measured when the photos are packaged.
/// </summary>
internal sealed class TrainingImageChecker(IAssetStore assets, SafeHttpFetcher fetcher, IOptions<CharacterOptions> options)
{
    public static FetchLimits ZipLimits { get; } = new(new HashSet<string>(StringComparer.Ordinal) { AssetContentTypes.Zip }, TrainingImages.MaxZipBytes);

    /// <summary>The problems of the request's photos (or zip), by field; empty when every one is usable.</summary>
    public async Task<ValidationErrors> CheckAsync(string userId, CharacterRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        if (request.ImagesZipUrl is { } zipUrl)
        {
            if (await CheckOneAsync(userId, new Uri(zipUrl), ZipLimits, "zip archive", cancellationToken) is { } problem)
            {
                errors.Add("imagesZipUrl", problem);
            }

            return errors;
        }

        var urls = request.ImageUrls ?? [];
        var problems = new string?[urls.Count];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < urls.Count; i++)
        {
            if (!seen.TryAdd(Identity(new Uri(urls[i])), i))
            {
                problems[i] = string.Create(CultureInfo.InvariantCulture, $"is the same photo as imageUrls[{seen[Identity(new Uri(urls[i]))]}]");
            }
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelImageChecks, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, urls.Count).Where(i => problems[i] is null), parallel, async (i, token) =>
            problems[i] = await CheckOneAsync(userId, new Uri(urls[i]), TrainingImages.ImageLimits, "photo", token));

        for (var i = 0; i < problems.Length; i++)
        {
            if (problems[i] is { } problem)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"imageUrls[{i}]"), problem);
            }
        }

        return errors;
    }

    private async Task<string?> CheckOneAsync(string userId, Uri url, FetchLimits limits, string what, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ImageCheckTimeout);
        try
        {
            if (assets.TryGetOwnKey(url, out var key))
            {
                // Another account's upload is reported exactly like a missing one: its existence is not the caller's business.
                var info = AssetKeys.BelongsToUser(key, userId) ? await assets.VerifyAsync(key, limits, timeout.Token) : null;
                return info is null ? "no uploaded file exists at this URL for the caller (upload it with POST /api/uploads and pass the url it returns)" : null;
            }

            await using var opened = await fetcher.FetchAsync(url, limits, timeout.Token);
            return null;
        }
        catch (SafeFetchException ex)
        {
            return Describe(ex, limits, what);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return string.Create(CultureInfo.InvariantCulture, $"could not be checked: the source did not answer within {options.Value.ImageCheckTimeout.TotalSeconds:0.#} s");
        }
    }

    private string Identity(Uri url) => assets.TryGetOwnKey(url, out var key) ? "key:" + key : "url:" + url.AbsoluteUri;

    private static string Describe(SafeFetchException ex, FetchLimits limits, string what) => ex.Code switch
    {
        SafeFetchErrorCodes.TooLarge => string.Create(CultureInfo.InvariantCulture,
            $"is larger than {limits.MaxBytes / (1024 * 1024)} MB, the limit for one {what}"),
        SafeFetchErrorCodes.UnsupportedContentType => $"is not an accepted {what} ({string.Join(", ", limits.AllowedContentTypes.Order(StringComparer.Ordinal))}, judged by its bytes): {ex.Message}",
        SafeFetchErrorCodes.UrlNotAllowed => "may not be fetched: " + ex.Message,
        _ => "could not be fetched: " + ex.Message,
    };
}
