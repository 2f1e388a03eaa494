using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>
/// Everything that happens to a request body before a job is created: schema validation, multi-field rules, the
/// moderation marker, and downloading the files it points at (their sizes and durations shape the outputs).
/// </summary>
internal sealed class InputPreparer(InputFetcher fetcher)
{
    /// <summary>A prompt containing this is treated as violating the content policy.</summary>
    public const string BlockedMarker = "[[blocked]]";

    public const int MinTrainingImages = 4;

    private const long MaxImageBytes = 64L << 20;
    private const long MaxMediaBytes = 512L << 20;

    private static readonly string[] TrainingImageExtensions = [".jpg", ".jpeg", ".png", ".webp"];

    public async Task<PreparedInput> PrepareAsync(ModelSpec model, JsonObject input, CancellationToken cancellationToken)
    {
        var issues = InputValidator.Validate(input, model.Fields);
        if (issues.Count == 0 && model.CrossCheck is { } crossCheck)
        {
            issues.AddRange(crossCheck(input));
        }

        if (issues.Count > 0)
        {
            return new PreparedInput(issues, Blocked: false, new Dictionary<string, MediaFacts>());
        }

        if (input["prompt"] is JsonValue prompt && prompt.TryGetValue<string>(out var text) && text.Contains(BlockedMarker, StringComparison.Ordinal))
        {
            return new PreparedInput([], Blocked: true, new Dictionary<string, MediaFacts>());
        }

        var facts = new Dictionary<string, MediaFacts>(StringComparer.Ordinal);
        foreach (var field in model.Fields.Where(f => f.Fetch != FetchKind.None))
        {
            switch (input[field.Name])
            {
                case JsonArray loras when field.Kind == FieldKind.Loras:
                    for (var i = 0; i < loras.Count; i++)
                    {
                        var path = loras[i]!["path"]!.GetValue<string>();
                        var file = await fetcher.FetchAsync(path, MaxMediaBytes, headersOnly: true, cancellationToken);
                        if (file.Error is not null)
                        {
                            issues.Add(DownloadFailed([field.Name, i, "path"]));
                        }
                    }

                    break;

                case JsonValue value when value.TryGetValue<string>(out var url):
                    await FetchOneAsync(field, url, facts, issues, cancellationToken);
                    break;
            }
        }

        return new PreparedInput(issues, Blocked: false, facts);
    }

    private async Task FetchOneAsync(FieldSpec field, string url, Dictionary<string, MediaFacts> facts, List<ValidationIssue> issues, CancellationToken cancellationToken)
    {
        var limit = field.Fetch == FetchKind.Image ? MaxImageBytes : MaxMediaBytes;
        var file = await fetcher.FetchAsync(url, limit, headersOnly: field.Fetch == FetchKind.File, cancellationToken);
        if (file.Error is not null || file.Bytes is null)
        {
            issues.Add(DownloadFailed([field.Name]));
            return;
        }

        switch (field.Fetch)
        {
            case FetchKind.Image:
                if (MediaProbe.ImageSize(file.Bytes) is { Width: > 0, Height: > 0 } size)
                {
                    facts[field.Name] = new MediaFacts(size.Width, size.Height);
                }
                else
                {
                    issues.Add(ValidationIssue.At(field.Name,
                        "Failed to load the image. Please ensure the image file is not corrupted and is in a supported format.", "image_load_error"));
                }

                break;

            case FetchKind.Video:
                // why: lenient on purpose — a real MP4 the simple box reader cannot follow should not fail the request
                var video = MediaProbe.Mp4Facts(file.Bytes);
                facts[field.Name] = video is { } v ? new MediaFacts(v.Width, v.Height, v.Seconds) : new MediaFacts(1280, 720, 5);
                break;

            case FetchKind.Archive:
                if (CheckTrainingArchive(field.Name, file.Bytes) is { } problem)
                {
                    issues.Add(problem);
                }

                break;
        }
    }

    private static ValidationIssue? CheckTrainingArchive(string field, byte[] bytes)
    {
        int images;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            images = zip.Entries.Count(e =>
                e.Length > 0
                && !e.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal)
                && TrainingImageExtensions.Any(x => e.Name.EndsWith(x, StringComparison.OrdinalIgnoreCase)));
        }
        catch (InvalidDataException)
        {
            return ValidationIssue.At(field, "The archive is invalid or corrupted. Please provide a valid zip archive.", "invalid_archive");
        }

        if (images < MinTrainingImages)
        {
            return ValidationIssue.At(field, $"The archive contains {images} image(s), but at least {MinTrainingImages} are required.",
                "archive_file_count_below_minimum",
                new JsonObject
                {
                    ["min_count"] = MinTrainingImages,
                    ["provided_count"] = images,
                    ["supported_extensions"] = new JsonArray(TrainingImageExtensions.Select(x => (JsonNode?)x).ToArray()),
                });
        }

        return null;
    }

    private static ValidationIssue DownloadFailed(IReadOnlyList<object> loc) =>
        new(loc, "Failed to download the file. Please check if the URL is accessible and try again.", "file_download_error");
}

/// <summary>The outcome of <see cref="InputPreparer.PrepareAsync"/>.</summary>
internal sealed record PreparedInput(IReadOnlyList<ValidationIssue> Issues, bool Blocked, IReadOnlyDictionary<string, MediaFacts> Facts)
{
    public bool Accepted => Issues.Count == 0 && !Blocked;
}
