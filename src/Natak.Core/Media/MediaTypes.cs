namespace Natak.Core.Media;

/// <summary>The content types <see cref="ContentSniffer"/> recognises.</summary>
public static class MediaTypes
{
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Webp = "image/webp";
    public const string Gif = "image/gif";
    public const string Heic = "image/heic";
    public const string Avif = "image/avif";
    public const string Mp4 = "video/mp4";
    public const string QuickTime = "video/quicktime";
    public const string Zip = "application/zip";
    public const string Text = "text/plain";
    public const string OctetStream = "application/octet-stream";
}
