namespace Natak.Api.Uploads;

/// <summary>
/// The answer to <c>POST /api/uploads</c>: PUT the bytes to <see cref="UploadUrl"/> with <see cref="Headers"/> before
/// <see cref="ExpiresAt"/>, then pass <see cref="Url"/> to the other routes (it also reads the file back until
/// <see cref="UrlExpiresAt"/>; Natak itself recognises it after that too).
/// </summary>
internal sealed record UploadTicket(
    Uri UploadUrl,
    Uri Url,
    DateTimeOffset ExpiresAt,
    DateTimeOffset UrlExpiresAt,
    string Method,
    IReadOnlyDictionary<string, string> Headers,
    long MaxBytes);
