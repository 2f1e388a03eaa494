using System.Text.Unicode;

namespace Natak.Core.Media;

/// <summary>
/// The content type of bytes by their magic numbers (PNG, JPEG, WebP, GIF, MP4/MOV and other ISO-BMFF brands, ZIP,
/// UTF-8 text), so a download can be held to the type it claims.
/// </summary>
public static class ContentSniffer
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The content type of <paramref name="data"/> (its first few KB suffice), or <see cref="MediaTypes.OctetStream"/>.</summary>
    public static string Sniff(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(PngSignature))
        {
            return MediaTypes.Png;
        }

        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return MediaTypes.Jpeg;
        }

        if (Bytes.HasAscii(data, 0, "RIFF") && Bytes.HasAscii(data, 8, "WEBP"))
        {
            return MediaTypes.Webp;
        }

        if (Bytes.HasAscii(data, 0, "GIF87a") || Bytes.HasAscii(data, 0, "GIF89a"))
        {
            return MediaTypes.Gif;
        }

        if (Bytes.HasAscii(data, 4, "ftyp") && data.Length >= 12)
        {
            return Brand(data.Slice(8, 4));
        }

        if (Bytes.HasAscii(data, 0, "PK") && data.Length >= 4 && data[2] is 3 or 5 or 7 && data[3] == data[2] + 1)
        {
            return MediaTypes.Zip;
        }

        return IsText(data) ? MediaTypes.Text : MediaTypes.OctetStream;
    }

    /// <summary>
    /// Whether the bytes are what <paramref name="claimedContentType"/> says (parameters and case ignored,
    /// <c>image/jpg</c> read as JPEG, any <c>text/*</c> or JSON satisfied by text).
    /// </summary>
    public static bool Matches(string claimedContentType, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(claimedContentType);
        var claimed = claimedContentType.Split(';')[0].Trim().ToLowerInvariant();
        var sniffed = Sniff(data);
        return claimed switch
        {
            "image/jpg" or "image/pjpeg" => sniffed == MediaTypes.Jpeg,
            "application/x-zip-compressed" => sniffed == MediaTypes.Zip,
            "application/json" => sniffed == MediaTypes.Text,
            _ when claimed.StartsWith("text/", StringComparison.Ordinal) => sniffed == MediaTypes.Text,
            _ => claimed == sniffed,
        };
    }

    private static string Brand(ReadOnlySpan<byte> brand)
    {
        var name = System.Text.Encoding.ASCII.GetString(brand);
        return name switch
        {
            "qt  " => MediaTypes.QuickTime,
            "heic" or "heix" or "mif1" or "msf1" => MediaTypes.Heic,
            "avif" or "avis" => MediaTypes.Avif,
            _ => MediaTypes.Mp4,
        };
    }

    private static bool IsText(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return false;
        }

        foreach (var b in data)
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C)
            {
                return false;
            }
        }

        // A prefix of a file may end inside a multi-byte character: allow up to 3 trailing bytes to be cut.
        for (var cut = 0; cut <= Math.Min(3, data.Length - 1); cut++)
        {
            if (Utf8.IsValid(data[..^cut]))
            {
                return true;
            }
        }

        return false;
    }
}
