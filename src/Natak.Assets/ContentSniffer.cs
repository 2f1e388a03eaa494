using System.Buffers.Binary;

namespace Natak.Assets;

/// <summary>Recognises the <see cref="AssetContentTypes"/> from an object's first bytes (its magic numbers).</summary>
public static class ContentSniffer
{
    /// <summary>How many leading bytes <see cref="Detect"/> needs to tell every supported type apart.</summary>
    public const int PrefixLength = 16;

    private const ulong MaxSafetensorsHeaderBytes = 100UL * 1024 * 1024;

    /// <summary>The content type the bytes show, or null when they are none of <see cref="AssetContentTypes.All"/>.</summary>
    public static string? Detect(ReadOnlySpan<byte> prefix)
    {
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return AssetContentTypes.Jpeg;
        }

        if (prefix.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return AssetContentTypes.Png;
        }

        if (prefix.StartsWith("GIF87a"u8) || prefix.StartsWith("GIF89a"u8))
        {
            return AssetContentTypes.Gif;
        }

        if (prefix.Length >= 12 && prefix.StartsWith("RIFF"u8) && prefix[8..12].SequenceEqual("WEBP"u8))
        {
            return AssetContentTypes.Webp;
        }

        if (prefix.Length >= 12 && prefix[4..8].SequenceEqual("ftyp"u8))
        {
            return DetectIsoMedia(prefix[8..12]);
        }

        if (prefix.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return AssetContentTypes.Webm;
        }

        if (prefix.StartsWith("PK\x03\x04"u8) || prefix.StartsWith("PK\x05\x06"u8))
        {
            return AssetContentTypes.Zip;
        }

        // safetensors: an 8-byte little-endian header length, then the JSON header itself.
        if (prefix.Length >= 9 && prefix[8] == (byte)'{')
        {
            var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
            if (headerLength is >= 2 and <= MaxSafetensorsHeaderBytes)
            {
                return AssetContentTypes.Safetensors;
            }
        }

        // A JSON object (a training run's config file): optional UTF-8 BOM and whitespace, then '{'.
        var text = prefix.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? prefix[3..] : prefix;
        var start = text.IndexOfAnyExcept((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n']);
        if (start >= 0 && text[start] == (byte)'{')
        {
            return AssetContentTypes.Json;
        }

        return null;
    }

    /// <summary>
    /// The type the bytes showed (<paramref name="sniffed"/>, from <see cref="Detect"/>) when it is one the limits
    /// accept and agrees with the <paramref name="declared"/> one; otherwise an unsupported-content failure.
    /// </summary>
    /// <exception cref="SafeFetchException">The content is of no accepted type, or not of the type it declares.</exception>
    internal static string Require(string? sniffed, string? declared, FetchLimits limits)
    {
        if (sniffed is null || !limits.AllowedContentTypes.Contains(sniffed))
        {
            throw SafeFetchException.Unsupported($"The content is not of an accepted type (allowed: {limits.Describe()}).");
        }

        if (!AssetContentTypes.IsCompatible(declared, sniffed))
        {
            throw SafeFetchException.Unsupported("The content does not match the content type it declares.");
        }

        return sniffed;
    }

    private static string DetectIsoMedia(ReadOnlySpan<byte> brand)
    {
        if (brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8))
        {
            return AssetContentTypes.Avif;
        }

        if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("heim"u8)
            || brand.SequenceEqual("heis"u8) || brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("msf1"u8))
        {
            return AssetContentTypes.Heic;
        }

        return brand.SequenceEqual("qt  "u8) ? AssetContentTypes.QuickTime : AssetContentTypes.Mp4;
    }
}
