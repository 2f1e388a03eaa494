using System.Buffers.Binary;

namespace Natak.Core.Media;

/// <summary>Bounds-checked reads: a truncated or hostile file yields <c>false</c>, never an exception.</summary>
internal static class Bytes
{
    public static bool TryUInt16BigEndian(ReadOnlySpan<byte> data, int offset, out int value)
    {
        value = offset >= 0 && offset + 2 <= data.Length ? BinaryPrimitives.ReadUInt16BigEndian(data[offset..]) : 0;
        return offset >= 0 && offset + 2 <= data.Length;
    }

    public static bool TryUInt32BigEndian(ReadOnlySpan<byte> data, int offset, out uint value)
    {
        value = offset >= 0 && offset + 4 <= data.Length ? BinaryPrimitives.ReadUInt32BigEndian(data[offset..]) : 0;
        return offset >= 0 && offset + 4 <= data.Length;
    }

    public static bool TryUInt64BigEndian(ReadOnlySpan<byte> data, int offset, out ulong value)
    {
        value = offset >= 0 && offset + 8 <= data.Length ? BinaryPrimitives.ReadUInt64BigEndian(data[offset..]) : 0;
        return offset >= 0 && offset + 8 <= data.Length;
    }

    public static bool HasAscii(ReadOnlySpan<byte> data, int offset, string ascii)
    {
        if (offset < 0 || offset + ascii.Length > data.Length)
        {
            return false;
        }

        for (var i = 0; i < ascii.Length; i++)
        {
            if (data[offset + i] != ascii[i])
            {
                return false;
            }
        }

        return true;
    }
}
