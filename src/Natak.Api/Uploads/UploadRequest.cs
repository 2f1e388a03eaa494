namespace Natak.Api.Uploads;

/// <summary><c>POST /api/uploads</c>: what the client is about to upload.</summary>
internal sealed record UploadRequest
{
    public string? FileName { get; init; }

    /// <summary>An image or video media type; the client must PUT with exactly the canonical type the answer names.</summary>
    public string? ContentType { get; init; }

    /// <summary>Bytes the client will send; at most <c>R2:MaxUploadBytes</c>.</summary>
    public long? Size { get; init; }
}
