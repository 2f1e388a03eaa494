using System.IO.Compression;
using Microsoft.DurableTask;
using Natak.Assets;
using Natak.Orchestrations.Pipelines.Progress;
using Natak.Orchestrations.Pipelines.ProviderCalls;

namespace Natak.Orchestrations.Pipelines.Activities;

public sealed record PackageTrainingImages(string UserId, string JobId, string CharacterId, IReadOnlyList<string> ImageUrls)
{
    /// <summary>The job's progress as packaging starts, and once the zip is stored.</summary>
    public JobNote? Running { get; init; }

    public JobNote? Done { get; init; }
}

public sealed record PackagedImages(AssetRef? Zip, StepFailure? Failure);

/// <summary>
/// Packages a character's photos into the zip LoRA training takes (fal reads <c>images_data_url</c>). The caller's
/// own uploads are read straight from R2 (and checked: size and the type their bytes show); any other URL goes
/// through the SSRF-safe fetcher. The zip is written to a temporary file, not memory (30 photos × 20 MB).
/// Idempotent: the same job writes the same key.
/// </summary>
public sealed class PackageTrainingImagesActivity(IAssetStore assets, SafeHttpFetcher fetcher, JobProgressWriter progress) : TaskActivity<PackageTrainingImages, PackagedImages>
{
    public override async Task<PackagedImages> RunAsync(TaskActivityContext context, PackageTrainingImages input)
    {
        await progress.WriteAsync(input.Running);
        var temp = Path.GetTempFileName();
        try
        {
            await using (var file = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous))
            await using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: false))
            {
                for (var i = 0; i < input.ImageUrls.Count; i++)
                {
                    var url = new Uri(input.ImageUrls[i]);
                    try
                    {
                        await using var image = await OpenAsync(url, input.UserId);
                        if (image is null)
                        {
                            return Fail(i, "the uploaded file no longer exists");
                        }

                        var entry = zip.CreateEntry($"image-{i + 1:00}{Extension(image.Value.ContentType)}", CompressionLevel.NoCompression);
                        await using var target = await entry.OpenAsync();
                        await image.Value.Content.CopyToAsync(target);
                    }
                    catch (SafeFetchException ex)
                    {
                        return Fail(i, ex.Message);
                    }
                }
            }

            await using var read = File.OpenRead(temp);
            var stored = await assets.PutAsync(AssetKeys.Character(input.UserId, input.CharacterId, "training-images.zip"), read, AssetContentTypes.Zip);
            await progress.WriteAsync(input.Done);
            return new PackagedImages(new AssetRef(stored.Key, stored.ContentType, stored.Size, Role: AssetRoles.TrainingImages), null);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async Task<OpenedImage?> OpenAsync(Uri url, string userId)
    {
        if (assets.TryGetOwnKey(url, out var key))
        {
            if (!AssetKeys.BelongsToUser(key, userId))
            {
                throw new SafeFetchException(SafeFetchErrorCodes.UrlNotAllowed, "the URL points at another account's files");
            }

            var info = await assets.VerifyAsync(key, TrainingImages.ImageLimits);
            var download = await assets.OpenReadAsync(key);
            return info is null || download is null ? null : new OpenedImage(download.Content, info.ContentType ?? AssetContentTypes.Jpeg, download);
        }

        var fetched = await fetcher.FetchAsync(url, TrainingImages.ImageLimits);
        return new OpenedImage(fetched.Content, fetched.ContentType, fetched);
    }

    private static PackagedImages Fail(int index, string problem) =>
        new(null, new StepFailure("invalid_training_image", $"imageUrls[{index}]: {problem}."));

    private static string Extension(string contentType) => contentType switch
    {
        AssetContentTypes.Png => ".png",
        AssetContentTypes.Webp => ".webp",
        _ => ".jpg",
    };

    private readonly record struct OpenedImage(Stream Content, string ContentType, IAsyncDisposable Owner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Owner.DisposeAsync();
    }
}
