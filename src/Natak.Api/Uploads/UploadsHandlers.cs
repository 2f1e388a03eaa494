using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Natak.Api.Http;
using Natak.Assets;
using Natak.Core.Requests;

namespace Natak.Api.Uploads;

/// <summary>
/// <c>POST /api/uploads</c>: a presigned PUT into the caller's own folder (<c>users/{u}/uploads/{id}/{name}</c>) for
/// one image or video, so photos go straight to R2 and never through the API. A presigned PUT cannot bound the
/// body, so the declared size is checked here and the real one (with the type the bytes show) when the file is used.
/// </summary>
internal static class UploadsHandlers
{
    public const int FileNameMaxLength = 255;

    public static async Task<IResult> CreateUpload(ApiRequest request)
    {
        var body = await request.ReadJsonAsync<UploadRequest>();
        var maxBytes = request.Service<IOptions<R2Options>>().Value.MaxUploadBytes;
        var errors = Validate(body, maxBytes, out var contentType);
        if (!errors.IsValid)
        {
            throw new ApiProblemException(ApiProblem.Validation(errors.ToDictionary()));
        }

        var assets = request.Service<IAssetStore>();
        var key = AssetKeys.Upload(request.Caller.Id, Guid.CreateVersion7().ToString("N"), body.FileName!);
        var put = await assets.GetUploadUrlAsync(key, contentType!, cancellationToken: request.Aborted);
        var get = await assets.GetDownloadUrlAsync(key, cancellationToken: request.Aborted);
        var ticket = new UploadTicket(put.Url, get.Url, put.ExpiresAt, get.ExpiresAt, "PUT",
            new Dictionary<string, string> { ["Content-Type"] = contentType! }, maxBytes);
        return TypedResults.Json(ticket, NatakJson.Options);
    }

    private static ValidationErrors Validate(UploadRequest body, long maxBytes, out string? contentType)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(body.FileName) || body.FileName.Length > FileNameMaxLength || body.FileName.Any(char.IsControl))
        {
            errors.Add("fileName", string.Create(CultureInfo.InvariantCulture, $"is required: 1–{FileNameMaxLength} characters, no control characters"));
        }

        contentType = AssetContentTypes.Normalize(body.ContentType);
        if (contentType is null || !AssetContentTypes.Uploadable.Contains(contentType))
        {
            var allowed = string.Join(", ", AssetContentTypes.Uploadable.Order(StringComparer.Ordinal));
            errors.Add("contentType", body.ContentType is null
                ? $"is required: one of {allowed}"
                : $"must be one of {allowed} (got '{body.ContentType}')");
        }

        if (body.Size is not { } size || size < 1 || size > maxBytes)
        {
            errors.Add("size", body.Size is null
                ? string.Create(CultureInfo.InvariantCulture, $"is required: the file's length in bytes, 1–{maxBytes}")
                : string.Create(CultureInfo.InvariantCulture, $"must be between 1 and {maxBytes} bytes ({maxBytes / (1024 * 1024)} MB) (got {body.Size})"));
        }

        return errors;
    }
}
