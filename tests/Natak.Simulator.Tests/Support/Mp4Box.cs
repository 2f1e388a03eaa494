using System.Buffers.Binary;
using System.Text;

namespace Natak.Simulator.Tests;

/// <summary>A test-side ISO-BMFF walker: every box with its children, sizes checked against the parent's.</summary>
internal sealed class Mp4Box
{
    /// <summary>Bytes before the child boxes, for boxes that carry both fields and children.</summary>
    private static readonly Dictionary<string, int> ContainerSkip = new(StringComparer.Ordinal)
    {
        ["moov"] = 0, ["trak"] = 0, ["mdia"] = 0, ["minf"] = 0, ["dinf"] = 0, ["stbl"] = 0,
        ["stsd"] = 8, ["dref"] = 8, ["avc1"] = 78, ["mp4a"] = 28,
    };

    private readonly byte[] _file;

    private Mp4Box(byte[] file, string type, int start, int size)
    {
        _file = file;
        Type = type;
        Start = start;
        Size = size;
    }

    public string Type { get; }

    public int Start { get; }

    public int Size { get; }

    public List<Mp4Box> Children { get; } = [];

    public ReadOnlySpan<byte> Payload => _file.AsSpan(Start + 8, Size - 8);

    public uint U32(int payloadOffset) => BinaryPrimitives.ReadUInt32BigEndian(Payload[payloadOffset..]);

    public static List<Mp4Box> Parse(byte[] file) => ParseRange(file, 0, file.Length);

    public static IEnumerable<Mp4Box> All(IEnumerable<Mp4Box> boxes, string type) =>
        boxes.SelectMany(b => (b.Type == type ? [b] : Enumerable.Empty<Mp4Box>()).Concat(All(b.Children, type)));

    public Mp4Box Child(string type) => Children.Single(c => c.Type == type);

    private static List<Mp4Box> ParseRange(byte[] file, int from, int to)
    {
        var boxes = new List<Mp4Box>();
        var at = from;
        while (at < to)
        {
            Assert.True(at + 8 <= to, $"truncated box header at {at}");
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at));
            var type = Encoding.ASCII.GetString(file, at + 4, 4);
            Assert.True(size >= 8 && at + size <= to, $"box '{type}' at {at} of size {size} overruns its parent (ends at {to})");
            var box = new Mp4Box(file, type, at, size);
            if (ContainerSkip.TryGetValue(type, out var skip))
            {
                box.Children.AddRange(ParseRange(file, at + 8 + skip, at + size));
            }

            boxes.Add(box);
            at += size;
        }

        return boxes;
    }
}
