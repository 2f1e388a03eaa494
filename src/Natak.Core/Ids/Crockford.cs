namespace Natak.Core.Ids;

/// <summary>Crockford base32 (no I, L, O, U): ids that are URL-safe, case-insensitive to read and sort by time.</summary>
internal static class Crockford
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Encodes the first <paramref name="chars"/> × 5 bits of <paramref name="bytes"/>, most significant first.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes, int chars)
    {
        if (chars * 5 > bytes.Length * 8)
        {
            throw new ArgumentOutOfRangeException(nameof(chars), "not enough input bits");
        }

        Span<char> output = stackalloc char[chars];
        for (var i = 0; i < chars; i++)
        {
            var bit = i * 5;
            var value = 0;
            for (var b = 0; b < 5; b++)
            {
                var index = bit + b;
                var set = (bytes[index / 8] >> (7 - (index % 8))) & 1;
                value = (value << 1) | set;
            }

            output[i] = Alphabet[value];
        }

        return new string(output);
    }
}
