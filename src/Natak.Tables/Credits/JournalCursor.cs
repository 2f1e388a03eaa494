using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Natak.Tables.Jobs;

namespace Natak.Tables.Credits;

/// <summary>The opaque journal cursor: the sequence number the next (older) page starts from.</summary>
internal static class JournalCursor
{
    private const string Prefix = "j:";

    public static string Encode(long seq) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + seq.ToString(CultureInfo.InvariantCulture)));

    public static long Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
                && seq >= 1)
            {
                return seq;
            }

            throw new FormatException("not a journal cursor");
        }
        catch (FormatException ex)
        {
            throw new InvalidCursorException(ex);
        }
    }
}
